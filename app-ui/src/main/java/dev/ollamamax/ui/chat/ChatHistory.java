package dev.ollamamax.ui.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.conversations.Conversation;
import dev.ollamamax.server.conversations.ConversationStore;
import dev.ollamamax.server.conversations.ConversationsFeature;
import dev.ollamamax.server.conversations.SearchHit;
import dev.ollamamax.server.conversations.Transcript;
import dev.ollamamax.server.conversations.TranscriptExport;
import dev.ollamamax.ui.common.GatewayManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The desktop's conversations, in the gateway's own store (PostgreSQL), under the local account the
 * desktop's chat runs as: the same rows {@code /api/v1/conversations} serves, read in-process so the list
 * works whichever listener the chat is on. Blocking; call off the UI thread.
 */
public final class ChatHistory {

    /** The export formats. */
    public enum Format { MARKDOWN, JSON }

    private final GatewayManager gateway;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ChatHistory(GatewayManager gateway) {
        this.gateway = gateway;
    }

    private ConversationStore store() throws IOException {
        return gateway.feature(ConversationsFeature.class).map(ConversationsFeature::store)
                .orElseThrow(() -> new IOException("the gateway is not running"));
    }

    private long user() throws IOException {
        return gateway.feature(AuthFeature.class).flatMap(AuthFeature::localPrincipal).map(Principal::userId)
                .orElseThrow(() -> new IOException("the database is not up yet"));
    }

    public List<Conversation> list() throws IOException, SQLException {
        return store().list(user(), 200, 0);
    }

    public Optional<Transcript> get(String id) throws IOException, SQLException {
        return store().get(user(), id);
    }

    public void rename(String id, String title) throws IOException, SQLException {
        if (!store().rename(user(), id, title)) {
            throw new IOException("there is no conversation " + id);
        }
    }

    public void delete(String id) throws IOException, SQLException {
        if (!store().delete(user(), id)) {
            throw new IOException("there is no conversation " + id);
        }
    }

    /** Keeps answer {@code alternative} of question {@code turn} (both from 0) as the chosen one. */
    public void choose(String id, int turn, int alternative) throws IOException, SQLException {
        if (!store().choose(user(), id, turn, alternative)) {
            throw new IOException("conversation " + id + " has no answer " + alternative + " to question " + turn);
        }
    }

    /** Shows the branch of message {@code messageId}: it becomes the chosen one among its siblings. */
    public void chooseMessage(String id, long messageId) throws IOException, SQLException {
        if (!store().chooseMessage(user(), id, messageId)) {
            throw new IOException("conversation " + id + " has no message " + messageId);
        }
    }

    /** Full-text search over the local account's conversations, best first. */
    public List<SearchHit> search(String query) throws IOException, SQLException {
        return store().search(user(), query, 50);
    }

    /** Writes the conversation as Markdown or JSON, atomically (a temporary file moved into place). */
    public void export(String id, Format format, Path target) throws IOException, SQLException {
        Transcript t = get(id).orElseThrow(() -> new IOException("there is no conversation " + id));
        byte[] bytes = format == Format.MARKDOWN ? TranscriptExport.markdown(t).getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(TranscriptExport.json(t));
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".export", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
