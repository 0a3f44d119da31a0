package dev.ollamamax.shared.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings a person saved (the {@link ConfigSource#SAVED} layer), kept in
 * {@code <home>/settings.properties} by environment name. Saving writes a temporary file beside it
 * and moves it into place atomically, so a crash never leaves half a file.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "settings.properties";

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store of a data folder: {@code <home>/settings.properties}. */
    public static SettingsStore in(Path home) {
        return new SettingsStore(home.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** The saved values by environment name; empty when nothing was saved yet. */
    public Map<String, String> load() {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read saved settings " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        props.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return Map.copyOf(values);
    }

    /** Replaces the saved values with these, atomically. */
    public void save(Map<String, String> values) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.putAll(values);
        StringWriter text = new StringWriter();
        props.store(text, "OllamaMax saved settings (edited from the desktop app)");
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, sortedLines(text.toString()), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Properties writes in hash order; sort the key lines so the file diffs cleanly. */
    private static String sortedLines(String stored) {
        StringBuilder header = new StringBuilder();
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (String line : stored.split("\\R")) {
            if (line.startsWith("#")) {
                header.append(line).append('\n');
            } else if (!line.isBlank()) {
                entries.add(line);
            }
        }
        entries.sort(null);
        return header + String.join("\n", entries) + (entries.isEmpty() ? "" : "\n");
    }
}
