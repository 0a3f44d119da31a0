package dev.ollamamax.shared.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code .env} files: {@code KEY=value}, optional {@code export}, quotes, {@code #} comments. */
public final class DotEnv {

    private DotEnv() {
    }

    /** The variables of the file, in order; an absent file gives an empty map. */
    public static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            parseLine(raw).ifPresent(e -> values.put(e.getKey(), e.getValue()));
        }
        return values;
    }

    /** One line as a key and value, or empty for blanks, comments and lines without {@code =}. */
    public static java.util.Optional<Map.Entry<String, String>> parseLine(String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return java.util.Optional.empty();
        }
        if (line.startsWith("export ")) {
            line = line.substring("export ".length()).strip();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return java.util.Optional.empty();
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        } else {
            int hash = value.indexOf(" #");
            if (hash >= 0) {
                value = value.substring(0, hash).strip();
            }
        }
        return java.util.Optional.of(Map.entry(key, value));
    }
}
