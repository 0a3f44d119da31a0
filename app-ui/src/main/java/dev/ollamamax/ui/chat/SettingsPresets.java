package dev.ollamamax.ui.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Named generation presets ("Precise", "Creative 32k"…) in {@code <home>/chat-presets.json}: everything of
 * {@link ChatSettings} but the model, which stays the conversation's. Saved atomically (a temporary file moved
 * into place). Thread-safe; blocking, so call off the UI thread.
 */
public final class SettingsPresets {

    private static final Logger LOG = Logger.getLogger(SettingsPresets.class.getName());
    private static final int MAX_NAME = 60;

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final TreeMap<String, ChatSettings> presets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public SettingsPresets(Path file) {
        this.file = file;
        load();
    }

    /** The preset names, sorted without regard to case. */
    public synchronized List<String> names() {
        return List.copyOf(presets.keySet());
    }

    public synchronized Optional<ChatSettings> get(String name) {
        return Optional.ofNullable(presets.get(name));
    }

    /** Saves (or replaces) a preset; the name is trimmed, 1 to 60 characters. */
    public synchronized void save(String name, ChatSettings settings) throws IOException {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new IllegalArgumentException("a preset needs a name of 1 to " + MAX_NAME + " characters");
        }
        presets.remove(n);
        presets.put(n, settings.withModel(null));
        write();
    }

    public synchronized boolean delete(String name) throws IOException {
        if (presets.remove(name) == null) {
            return false;
        }
        write();
        return true;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            root.path("presets").fields().forEachRemaining(e -> presets.put(e.getKey(), ChatSettingsJson.read(e.getValue())));
        } catch (IOException | RuntimeException e) {
            LOG.warning("Chat presets in " + file + " could not be read (" + e.getMessage() + "); starting without");
        }
    }

    private void write() throws IOException {
        ObjectNode root = json.createObjectNode();
        ObjectNode all = root.putObject("presets");
        presets.forEach((name, s) -> ChatSettingsJson.write(all.putObject(name), s, false));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "chat-presets", ".tmp");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
