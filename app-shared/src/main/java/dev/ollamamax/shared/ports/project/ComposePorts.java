package dev.ollamamax.shared.ports.project;

import dev.ollamamax.shared.yaml.Variables;
import dev.ollamamax.shared.yaml.YamlException;
import dev.ollamamax.shared.yaml.YamlNode;
import dev.ollamamax.shared.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The published TCP ports of a compose file, read with a YAML library ({@link YamlReader}: anchors, aliases and
 * merge keys work): services under {@code services:} (or at the top level in the old format), the short syntax
 * ({@code "3001:3000"}, {@code 127.0.0.1:8080:80/tcp}, ranges) and the long one ({@code target}, {@code published},
 * {@code host_ip}, {@code protocol}). {@code ${VAR}}, {@code ${VAR:-default}} and {@code $VAR} are filled in from
 * the given variables. Container-only and UDP ports are left out: they claim no TCP port on this machine. What
 * cannot be read is a warning naming the file and line, never a guess.
 */
public final class ComposePorts {

    /** One published TCP port of a compose service. */
    record Mapping(String service, Optional<String> image, String hostIp, int hostPort, int containerPort) {
    }

    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes",
            "configs", "secrets", "include");
    private static final int MAX_RANGE = 100;

    private final Variables vars;
    private final List<String> warnings;
    private final String fileName;
    private final List<Mapping> found = new ArrayList<>();

    private ComposePorts(Map<String, String> vars, List<String> warnings, String fileName) {
        Set<String> reported = new HashSet<>();
        this.vars = new Variables(vars, name -> {
            if (reported.add(name)) {
                warnings.add(fileName + " uses ${" + name + "}, which is not set in the folder's .env");
            }
        });
        this.warnings = warnings;
        this.fileName = fileName;
    }

    static List<Mapping> parse(String text, Map<String, String> vars, List<String> warnings, String fileName) {
        ComposePorts reader = new ComposePorts(vars, warnings, fileName);
        try {
            reader.read(YamlReader.read(text, fileName));
        } catch (YamlException e) {
            warnings.add(e.getMessage());
        }
        return List.copyOf(reader.found);
    }

    private void read(YamlNode root) {
        Optional<YamlNode.Mapping> top = root.asMapping();
        if (top.isEmpty()) {
            return;
        }
        Optional<YamlNode> services = top.get().get("services");
        if (services.isPresent()) {
            services.get().asMapping().ifPresent(m -> m.entries().forEach(this::service));
            return;
        }
        // the old format: services at the top level
        top.get().entries().forEach((name, body) -> {
            if (!TOP_LEVEL.contains(name) && !name.startsWith("x-")) {
                service(name, body);
            }
        });
    }

    private void service(String name, YamlNode body) {
        Optional<YamlNode.Mapping> service = body.asMapping();
        if (service.isEmpty()) {
            return;
        }
        Optional<String> image = service.get().text("image");
        Optional<YamlNode> ports = service.get().get("ports");
        if (ports.isEmpty() || ports.get().asText().isEmpty() && ports.get().asSequence().isEmpty()) {
            return;
        }
        YamlNode.Sequence list = ports.get().asSequence().orElse(null);
        if (list == null) {
            warnings.add(fileName + ", line " + ports.get().line() + ": ports of service " + name + " is "
                    + ports.get().kind() + ", not a list");
            return;
        }
        for (YamlNode item : list.items()) {
            switch (item) {
                case YamlNode.Scalar s when !s.isNull() -> shortForm(name, image, s.value(), s.line());
                case YamlNode.Mapping m -> longForm(name, image, m);
                default -> warn(name, item.kind(), item.line());
            }
        }
    }

    /** A long-form item: {@code published} (maybe a range) onto {@code target}. */
    private void longForm(String service, Optional<String> image, YamlNode.Mapping item) {
        if (!item.text("protocol").orElse("tcp").equalsIgnoreCase("tcp")) {
            return;
        }
        Optional<String> published = item.text("published").flatMap(vars::fill);
        Optional<String> target = item.text("target").flatMap(vars::fill);
        if (published.isEmpty() || published.get().isBlank() || target.isEmpty()) {
            return;
        }
        String hostIp = item.text("host_ip").flatMap(vars::fill).orElse("");
        add(service, image, hostIp, published.get(), target.get(), published.get() + " → " + target.get(), item.line());
    }

    /** {@code [ip:][host:]container[/protocol]}, each port maybe a range. */
    private void shortForm(String service, Optional<String> image, String rawSpec, int line) {
        Optional<String> filled = vars.fill(rawSpec);
        if (filled.isEmpty()) {
            return;
        }
        String spec = filled.get().strip();
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            if (!spec.substring(slash + 1).equalsIgnoreCase("tcp")) {
                return;
            }
            spec = spec.substring(0, slash);
        }
        String ip = "";
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close < 0) {
                warn(service, "\"" + rawSpec + "\"", line);
                return;
            }
            ip = spec.substring(1, close);
            spec = spec.substring(close + 2);
        }
        String[] parts = spec.split(":", -1);
        switch (parts.length) {
            case 1 -> {
                // container port only: Docker picks a random host port
            }
            case 2 -> add(service, image, ip, parts[0], parts[1], rawSpec, line);
            case 3 -> {
                if (!ip.isEmpty()) {
                    warn(service, "\"" + rawSpec + "\"", line);
                } else if (!parts[1].isEmpty()) {
                    add(service, image, parts[0], parts[1], parts[2], rawSpec, line);
                }
            }
            default -> warn(service, "\"" + rawSpec + "\"", line);
        }
    }

    private void add(String service, Optional<String> image, String ip, String host, String container, String original,
                     int line) {
        try {
            int[] hosts = range(host);
            int[] containers = range(container);
            for (int i = 0; i < hosts.length; i++) {
                int c = containers.length == hosts.length ? containers[i] : containers[0];
                found.add(new Mapping(service, image, ip, hosts[i], c));
            }
        } catch (IllegalArgumentException e) {
            warn(service, "\"" + original + "\"", line);
        }
    }

    private static int[] range(String text) {
        String t = text.strip();
        int dash = t.indexOf('-');
        int from = port(dash < 0 ? t : t.substring(0, dash));
        int to = dash < 0 ? from : port(t.substring(dash + 1));
        if (to < from || to - from >= MAX_RANGE) {
            throw new IllegalArgumentException("bad range " + text);
        }
        int[] ports = new int[to - from + 1];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = from + i;
        }
        return ports;
    }

    private static int port(String text) {
        int p = Integer.parseInt(text.strip());
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("not a port: " + text);
        }
        return p;
    }

    private void warn(String service, String what, int line) {
        warnings.add(fileName + ", line " + line + ": service " + service + " publishes " + what
                + ", which is not a port mapping this reader understands");
    }
}
