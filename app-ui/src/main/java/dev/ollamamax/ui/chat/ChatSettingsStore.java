package dev.ollamamax.ui.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The settings of each conversation, in {@code <home>/chat-settings.json} (the gateway's store keeps the
 * messages; these are the desktop's own). Saved atomically: a temporary file moved into place. The settings
 * used last are the defaults of a new conversation. Thread-safe.
 */
public final class ChatSettingsStore {

    private static final Logger LOG = Logger.getLogger(ChatSettingsStore.class.getName());
    private static final String LAST = "(last used)";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ChatSettings> settings = new LinkedHashMap<>();

    public ChatSettingsStore(Path file) {
        this.file = file;
        load();
    }

    /** The settings file (the presets file lives beside it). */
    Path file() {
        return file;
    }

    public synchronized ChatSettings get(String conversationId) {
        return settings.getOrDefault(conversationId, settings.getOrDefault(LAST, ChatSettings.defaults()));
    }

    /** Keeps the settings of a conversation (and as the defaults of the next new one); writes the file. */
    public synchronized void put(String conversationId, ChatSettings value) throws IOException {
        settings.put(conversationId, value);
        settings.put(LAST, value);
        save();
    }

    public synchronized void remove(String conversationId) throws IOException {
        if (settings.remove(conversationId) != null) {
            save();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            root.fields().forEachRemaining(e -> settings.put(e.getKey(), read(e.getValue())));
        } catch (IOException | RuntimeException e) {
            LOG.warning("Chat settings in " + file + " could not be read (" + e.getMessage() + "); using defaults");
        }
    }

    private static ChatSettings read(JsonNode n) {
        return ChatSettingsJson.read(n);
    }

    private void save() throws IOException {
        ObjectNode root = json.createObjectNode();
        settings.forEach((id, s) -> {
            ChatSettingsJson.write(root.putObject(id), s, true);
        });
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "chat-settings", ".tmp");
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
