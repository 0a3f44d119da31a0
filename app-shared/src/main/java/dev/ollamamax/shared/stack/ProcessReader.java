package dev.ollamamax.shared.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one entry under {@code processes}. */
final class ProcessReader {

    private static final Set<String> FIELDS = Set.of("command", "working_dir", "environment", "depends_on",
            "readiness_probe", "liveness_probe", "availability", "ports", "disabled", "description");

    private ProcessReader() {
    }

    static ProcessSpec read(Spot at, Path baseDir, Map<String, String> shared) {
        at.mapping(FIELDS);
        String command = at.child("command").map(Spot::text).filter(c -> !c.isBlank())
                .orElseThrow(() -> at.error("needs a command"));
        Path dir = at.child("working_dir").map(s -> baseDir.resolve(s.text()).normalize()).orElse(baseDir);
        Map<String, String> env = new LinkedHashMap<>(shared);
        at.child("environment").map(EnvironmentReader::read).ifPresent(env::putAll);
        return new ProcessSpec(at.key(), command, dir, env, dependsOn(at),
                ProbeReader.read(at.child("readiness_probe")), ProbeReader.read(at.child("liveness_probe")),
                at.child("availability").map(ProcessReader::availability).orElse(Availability.DEFAULT),
                ports(at), at.child("disabled").map(Spot::bool).orElse(false), at.line());
    }

    private static Map<String, Condition> dependsOn(Spot at) {
        Map<String, Condition> deps = new LinkedHashMap<>();
        at.child("depends_on").ifPresent(d -> {
            for (Spot dep : d.entries()) {
                if (dep.key().equals(at.key())) {
                    throw dep.error("is the process itself; a process cannot wait for itself");
                }
                Condition condition = Condition.PROCESS_STARTED;
                if (dep.node().asMapping().isPresent()) {
                    dep.mapping(Set.of("condition"));
                    condition = dep.child("condition").map(ProcessReader::condition).orElse(condition);
                } else if (dep.node().asText().isPresent()) {
                    throw dep.error("must be a mapping such as {condition: process_healthy}");
                }
                deps.put(dep.key(), condition);
            }
        });
        return deps;
    }

    private static Condition condition(Spot at) {
        String text = at.text().trim();
        for (Condition c : Condition.values()) {
            if (c.yamlName().equals(text)) {
                return c;
            }
        }
        throw at.error("must be process_started, process_healthy or process_completed_successfully, not \""
                + text + "\"");
    }

    private static Availability availability(Spot at) {
        at.mapping(Set.of("restart", "backoff_seconds", "max_restarts"));
        Availability.Restart restart = Availability.DEFAULT.restart();
        if (at.child("restart").isPresent()) {
            Spot r = at.child("restart").orElseThrow();
            String text = r.text().trim();
            restart = switch (text) {
                case "always" -> Availability.Restart.ALWAYS;
                case "on_failure" -> Availability.Restart.ON_FAILURE;
                case "no", "false" -> Availability.Restart.NO;
                default -> throw r.error("must be always, on_failure or no");
            };
        }
        int backoff = at.child("backoff_seconds").map(s -> s.integer(1, 3600)).orElse(1);
        int max = at.child("max_restarts").map(s -> s.integer(0, 1_000_000)).orElse(0);
        return new Availability(restart, Duration.ofSeconds(backoff), max);
    }

    private static List<Integer> ports(Spot at) {
        List<Integer> ports = new ArrayList<>();
        at.child("ports").ifPresent(p -> {
            for (Spot item : p.items()) {
                int port = item.integer(1, 65535);
                if (ports.contains(port)) {
                    throw item.error("repeats port " + port);
                }
                ports.add(port);
            }
        });
        return ports;
    }
}
