package dev.ollamamax.shared.ports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A line-based reader for the {@code ports:} of a compose file, without a YAML library: services under
 * {@code services:} (or at the top level in the old format), short mappings ({@code "3001:3000"},
 * {@code 127.0.0.1:8080:80/tcp}, ranges), flow lists ({@code ports: ["80:80"]}), and the long form
 * ({@code - target: 80} / {@code published: 8080}, also as {@code {target: 80, published: 8080}}).
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code $VAR} are filled in from the given variables.
 * Container-only and UDP ports are left out: they claim no TCP port on this machine.
 */
final class ComposePorts {

    /** One published TCP port of a compose service. */
    record Mapping(String service, Optional<String> image, String hostIp, int hostPort, int containerPort) {
    }

    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes",
            "configs", "secrets", "include");
    private static final int MAX_RANGE = 100;

    private final Map<String, String> vars;
    private final List<String> warnings;
    private final String fileName;
    private final List<String[]> found = new ArrayList<>();
    private final Map<String, String> images = new HashMap<>();

    private ComposePorts(Map<String, String> vars, List<String> warnings, String fileName) {
        this.vars = vars;
        this.warnings = warnings;
        this.fileName = fileName;
    }

    static List<Mapping> parse(List<String> lines, Map<String, String> vars, List<String> warnings, String fileName) {
        return new ComposePorts(vars, warnings, fileName).read(lines);
    }

    private List<Mapping> read(List<String> rawLines) {
        boolean legacy = rawLines.stream().map(ComposePorts::stripComment).noneMatch(l -> l.matches("services\\s*:\\s*"));
        boolean inServices = legacy;
        int serviceIndent = legacy ? 0 : -1;
        String service = null;
        int childIndent = -1;
        int portsIndent = -1;
        Map<String, String> longItem = null;
        for (String raw : rawLines) {
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            int indent = indent(line);
            String content = line.strip();
            if (indent == 0) {
                longItem = flush(service, longItem);
                portsIndent = -1;
                childIndent = -1;
                String key = keyOf(content).orElse("");
                if (legacy) {
                    service = TOP_LEVEL.contains(key) || key.startsWith("x-") || key.isEmpty() ? null : key;
                } else {
                    inServices = key.equals("services");
                    service = null;
                }
                continue;
            }
            if (!inServices) {
                continue;
            }
            if (serviceIndent < 0) {
                serviceIndent = indent;
            }
            if (indent <= serviceIndent) {
                longItem = flush(service, longItem);
                portsIndent = -1;
                childIndent = -1;
                service = indent == serviceIndent ? keyOf(content).orElse(null) : null;
                continue;
            }
            if (service == null) {
                continue;
            }
            if (portsIndent >= 0) {
                boolean item = content.startsWith("-");
                if (item && indent >= portsIndent) {
                    longItem = flush(service, longItem);
                    longItem = item(service, content.substring(1).strip());
                    continue;
                }
                if (!item && longItem != null && indent > portsIndent) {
                    putPair(longItem, content);
                    continue;
                }
                longItem = flush(service, longItem);
                portsIndent = -1;
            }
            if (childIndent < 0) {
                childIndent = indent;
            }
            if (indent == childIndent) {
                String key = keyOf(content).orElse("");
                String value = valueOf(content);
                if (key.equals("image")) {
                    images.put(service, unquote(value));
                } else if (key.equals("ports")) {
                    if (value.startsWith("[")) {
                        for (String entry : splitFlow(value.substring(1, value.lastIndexOf(']') < 0 ? value.length()
                                : value.lastIndexOf(']')))) {
                            shortForm(service, unquote(entry));
                        }
                    } else if (value.isEmpty()) {
                        portsIndent = indent;
                    }
                }
            }
        }
        flush(service, longItem);
        List<Mapping> result = new ArrayList<>();
        for (String[] f : found) {
            result.add(new Mapping(f[0], Optional.ofNullable(images.get(f[0])), f[1], Integer.parseInt(f[2]),
                    Integer.parseInt(f[3])));
        }
        return result;
    }

    /** One list item under {@code ports:}: a short mapping, or the first key of a long one (returned to be filled). */
    private Map<String, String> item(String service, String text) {
        if (text.startsWith("{")) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : splitFlow(text.substring(1, Math.max(1, text.lastIndexOf('}'))))) {
                putPair(pairs, pair);
            }
            flush(service, pairs);
            return null;
        }
        if (text.matches("[A-Za-z_]+\\s*:(\\s.*)?")) {
            Map<String, String> pairs = new LinkedHashMap<>();
            putPair(pairs, text);
            return pairs;
        }
        shortForm(service, unquote(text));
        return null;
    }

    private static void putPair(Map<String, String> pairs, String text) {
        keyOf(text).ifPresent(k -> pairs.put(k, unquote(valueOf(text))));
    }

    /** Records a finished long-form item: {@code published} (maybe a range) onto {@code target}. */
    private Map<String, String> flush(String service, Map<String, String> pairs) {
        if (service == null || pairs == null) {
            return null;
        }
        if (!pairs.getOrDefault("protocol", "tcp").equalsIgnoreCase("tcp")) {
            return null;
        }
        Optional<String> published = Optional.ofNullable(pairs.get("published")).flatMap(this::interpolate);
        Optional<String> target = Optional.ofNullable(pairs.get("target")).flatMap(this::interpolate);
        if (published.isEmpty() || published.get().isBlank() || target.isEmpty()) {
            return null;
        }
        String hostIp = Optional.ofNullable(pairs.get("host_ip")).flatMap(this::interpolate).orElse("");
        add(service, hostIp, published.get(), target.get(), published.get() + " → " + target.get());
        return null;
    }

    /** {@code [ip:][host:]container[/protocol]}, each port maybe a range. */
    private void shortForm(String service, String rawSpec) {
        Optional<String> filled = interpolate(rawSpec);
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
                warn(service, rawSpec);
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
            case 2 -> add(service, ip, parts[0], parts[1], rawSpec);
            case 3 -> {
                if (!ip.isEmpty()) {
                    warn(service, rawSpec);
                } else if (!parts[1].isEmpty()) {
                    add(service, parts[0], parts[1], parts[2], rawSpec);
                }
            }
            default -> warn(service, rawSpec);
        }
    }

    private void add(String service, String ip, String host, String container, String original) {
        try {
            int[] hosts = range(host);
            int[] containers = range(container);
            for (int i = 0; i < hosts.length; i++) {
                int c = containers.length == hosts.length ? containers[i] : containers[0];
                found.add(new String[] {service, ip, Integer.toString(hosts[i]), Integer.toString(c)});
            }
        } catch (IllegalArgumentException e) {
            warn(service, original);
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

    private void warn(String service, String spec) {
        warnings.add("Service " + service + " in " + fileName + " publishes \"" + spec + "\", which is not a port mapping"
                + " this reader understands");
    }

    /** Fills in {@code ${VAR}}, {@code ${VAR:-d}}, {@code ${VAR-d}}, {@code $VAR}, {@code $$}; empty when a variable is unset. */
    Optional<String> interpolate(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    return Optional.empty();
                }
                Optional<String> v = variable(text.substring(i + 2, close));
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                out.append(v.get());
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                Optional<String> v = variable(text.substring(i + 1, end));
                if (end == i + 1 || v.isEmpty()) {
                    return Optional.empty();
                }
                out.append(v.get());
                i = end;
            }
        }
        return Optional.of(out.toString());
    }

    private Optional<String> variable(String expr) {
        int colonDash = expr.indexOf(":-");
        int dash = expr.indexOf('-');
        int q = expr.indexOf('?');
        String name = expr;
        Optional<String> fallback = Optional.empty();
        boolean emptyIsUnset = false;
        if (colonDash >= 0) {
            name = expr.substring(0, colonDash);
            fallback = Optional.of(expr.substring(colonDash + 2));
            emptyIsUnset = true;
        } else if (dash >= 0) {
            name = expr.substring(0, dash);
            fallback = Optional.of(expr.substring(dash + 1));
        } else if (q >= 0) {
            name = expr.substring(0, expr.charAt(Math.max(0, q - 1)) == ':' ? q - 1 : q);
        }
        String value = vars.get(name);
        if (value == null || emptyIsUnset && value.isEmpty()) {
            if (fallback.isEmpty()) {
                warnings.add(fileName + " uses ${" + name + "}, which is not set in the folder's .env");
            }
            return fallback;
        }
        return Optional.of(value);
    }

    static Optional<String> keyOf(String content) {
        String c = content.startsWith("- ") ? content.substring(2).strip() : content;
        int colon = c.indexOf(':');
        while (colon >= 0 && colon + 1 < c.length() && !Character.isWhitespace(c.charAt(colon + 1))) {
            colon = c.indexOf(':', colon + 1);
        }
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(unquote(c.substring(0, colon).strip()));
    }

    static String valueOf(String content) {
        String c = content.startsWith("- ") ? content.substring(2).strip() : content;
        int colon = c.indexOf(':');
        while (colon >= 0 && colon + 1 < c.length() && !Character.isWhitespace(c.charAt(colon + 1))) {
            colon = c.indexOf(':', colon + 1);
        }
        return colon < 0 ? "" : c.substring(colon + 1).strip();
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Splits a flow sequence or mapping body on commas outside quotes. */
    private static List<String> splitFlow(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : body.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == ',') {
                parts.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            parts.add(cur.toString().strip());
        }
        return parts;
    }

    /** The line without a {@code #} comment (a {@code #} at the start or after a blank, outside quotes). */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
