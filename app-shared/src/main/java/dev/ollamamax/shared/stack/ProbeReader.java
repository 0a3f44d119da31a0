package dev.ollamamax.shared.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code readiness_probe} or {@code liveness_probe} entry; defaults are process-compose's. */
final class ProbeReader {

    private static final Set<String> FIELDS = Set.of("http_get", "tcp", "tcp_socket", "exec", "initial_delay_seconds",
            "period_seconds", "timeout_seconds", "failure_threshold", "success_threshold");
    private static final Set<String> CHECKS = Set.of("http_get", "tcp", "tcp_socket", "exec");

    private ProbeReader() {
    }

    static Optional<Probe> read(Optional<Spot> at) {
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Spot probe = at.get();
        probe.mapping(FIELDS);
        List<Spot> checks = new ArrayList<>();
        for (String name : CHECKS) {
            probe.child(name).ifPresent(checks::add);
        }
        if (checks.size() != 1) {
            throw probe.error("must have exactly one of http_get, tcp (or tcp_socket) and exec, found "
                    + (checks.isEmpty() ? "none" : checks.stream().map(Spot::key).toList()));
        }
        Spot check = checks.getFirst();
        Probe.Check what = switch (check.key()) {
            case "http_get" -> http(check);
            case "exec" -> exec(check);
            default -> tcp(check);
        };
        return Optional.of(new Probe(what,
                seconds(probe, "initial_delay_seconds", 0, 0),
                seconds(probe, "period_seconds", 10, 1),
                seconds(probe, "timeout_seconds", 1, 1),
                probe.child("failure_threshold").map(s -> s.integer(1, 1000)).orElse(3),
                probe.child("success_threshold").map(s -> s.integer(1, 1000)).orElse(1)));
    }

    private static Probe.HttpGet http(Spot at) {
        at.mapping(Set.of("host", "port", "path", "scheme"));
        String scheme = at.child("scheme").map(Spot::text).orElse("http").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw at.child("scheme").orElseThrow().error("must be http or https, not \"" + scheme + "\"");
        }
        String path = at.child("path").map(Spot::text).orElse("/");
        return new Probe.HttpGet(scheme, host(at), port(at), path.startsWith("/") ? path : "/" + path);
    }

    private static Probe.Tcp tcp(Spot at) {
        at.mapping(Set.of("host", "port"));
        return new Probe.Tcp(host(at), port(at));
    }

    private static Probe.Exec exec(Spot at) {
        at.mapping(Set.of("command"));
        String command = at.child("command").map(Spot::text).filter(c -> !c.isBlank())
                .orElseThrow(() -> at.error("needs a command"));
        return new Probe.Exec(command);
    }

    private static String host(Spot at) {
        return at.child("host").map(Spot::text).filter(h -> !h.isBlank()).orElse("127.0.0.1");
    }

    private static int port(Spot at) {
        return at.child("port").map(s -> s.integer(1, 65535)).orElseThrow(() -> at.error("needs a port"));
    }

    private static Duration seconds(Spot probe, String field, int fallback, int min) {
        return Duration.ofSeconds(probe.child(field).map(s -> s.integer(min, 86_400)).orElse(fallback));
    }
}
