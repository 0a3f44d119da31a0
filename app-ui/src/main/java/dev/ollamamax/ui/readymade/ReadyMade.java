package dev.ollamamax.ui.readymade;

import dev.ollamamax.shared.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The tools one click adds to the stack, with the executables that provide them and their port in the plan. */
public enum ReadyMade {
    PROMETHEUS("prometheus", "Prometheus", Setting.PROMETHEUS_PORT, List.of("prometheus")),
    GRAFANA("grafana", "Grafana", Setting.GRAFANA_PORT, List.of("grafana-server", "grafana"));

    private final String processName;
    private final String displayName;
    private final Setting port;
    private final List<String> executables;

    ReadyMade(String processName, String displayName, Setting port, List<String> executables) {
        this.processName = processName;
        this.displayName = displayName;
        this.port = port;
        this.executables = executables;
    }

    /** The name of its entry under {@code processes:}. */
    public String processName() {
        return processName;
    }

    public String displayName() {
        return displayName;
    }

    /** The setting that holds its port in the plan. */
    public Setting port() {
        return port;
    }

    /** The executable names looked for on the PATH, preferred first. */
    public List<String> executables() {
        return executables;
    }

    /** The first of its executables on {@code env}'s PATH. */
    public Optional<Path> find(Map<String, String> env) {
        String[] dirs = env.getOrDefault("PATH", "").split(Pattern.quote(java.io.File.pathSeparator));
        for (String name : executables) {
            for (String dir : dirs) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
