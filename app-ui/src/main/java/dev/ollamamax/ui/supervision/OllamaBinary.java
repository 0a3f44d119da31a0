package dev.ollamamax.ui.supervision;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the {@code ollama} program: the configured path ({@code OLLAMA_BINARY}) or the first on the PATH. */
public final class OllamaBinary {

    private OllamaBinary() {
    }

    /**
     * The configured binary when {@code configured} is not blank (empty when it is not an executable file),
     * otherwise the first executable {@code ollama} (or {@code ollama.exe}) in the {@code PATH} of {@code env}.
     */
    public static Optional<Path> find(String configured, Map<String, String> env) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured.strip());
            return executable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("ollama.exe", "ollama") : List.of("ollama");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir).resolve(name);
                if (executable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
