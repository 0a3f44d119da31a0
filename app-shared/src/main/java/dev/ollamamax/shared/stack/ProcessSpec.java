package dev.ollamamax.shared.stack;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One declared process: the shell {@code command} run in {@code workingDir} with {@code environment} added to
 * the desktop's own, what it waits for, its probes, its restart policy and the ports it says it listens on.
 * {@code line} is where its entry starts in the file.
 */
public record ProcessSpec(String name, String command, Path workingDir, Map<String, String> environment,
                          Map<String, Condition> dependsOn, Optional<Probe> readiness, Optional<Probe> liveness,
                          Availability availability, List<Integer> ports, boolean disabled, int line) {

    public ProcessSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        ports = List.copyOf(ports);
    }

    /** Whether {@code other} runs the same way: every field but the line it was declared on. */
    public boolean sameRunAs(ProcessSpec other) {
        return equals(new ProcessSpec(other.name, other.command, other.workingDir, other.environment, other.dependsOn,
                other.readiness, other.liveness, other.availability, other.ports, other.disabled, line));
    }
}
