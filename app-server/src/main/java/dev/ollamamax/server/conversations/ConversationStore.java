package dev.ollamamax.server.conversations;

import dev.ollamamax.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversations and their messages, per user. Ids are chosen by clients ({@code conversation_id} of a chat
 * {@code inference}: 1–128 letters, digits, {@code -} or {@code _}) or generated (UUIDs). A user only ever
 * sees and changes their own conversations. Methods throw {@link SQLException} on database errors and
 * {@link dev.ollamamax.server.store.StoreUnavailableException} while the database is unavailable.
 */
public final class ConversationStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int TITLE_MAX = 200;
    private static final String SELECT = "SELECT c.id, c.user_id, c.title, c.created_at, c.updated_at, "
            + "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) FROM conversations c ";

    private final Database database;

    public ConversationStore(Database database) {
        this.database = database;
    }

    /** A new conversation with a generated id. */
    public Conversation create(long userId, String title) throws SQLException {
        String id = UUID.randomUUID().toString();
        return database.transaction(c -> ensure(c, userId, id, title));
    }

    /**
     * Appends messages to a conversation, creating it (titled after the first user message) when the id is
     * new. Throws {@link ConversationException} 403 when the id belongs to another user, 400 when it is malformed.
     */
    public List<Message> append(long userId, String conversationId, List<NewMessage> messages) throws SQLException {
        validateId(conversationId);
        String title = messages.stream().filter(m -> m.role().equals("user")).map(NewMessage::content).findFirst()
                .orElse("New conversation");
        return database.transaction(c -> {
            ensure(c, userId, conversationId, title);
            List<Message> stored = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (conversation_id, role, content, "
                    + "model, node, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "RETURNING id, role, content, model, node, prompt_tokens, completion_tokens, created_at")) {
                for (NewMessage m : messages) {
                    ps.setString(1, conversationId);
                    ps.setString(2, m.role());
                    ps.setString(3, m.content());
                    ps.setString(4, m.model().orElse(null));
                    ps.setString(5, m.node().orElse(null));
                    setInt(ps, 6, m.promptTokens());
                    setInt(ps, 7, m.completionTokens());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        stored.add(message(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET updated_at = now() WHERE id = ?")) {
                ps.setString(1, conversationId);
                ps.executeUpdate();
            }
            return stored;
        });
    }

    /** The user's conversations, most recently active first. */
    public List<Conversation> list(long userId, int limit, int offset) throws SQLException {
        return database.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + "WHERE c.user_id = ? ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?")) {
                ps.setLong(1, userId);
                ps.setInt(2, Math.max(1, Math.min(limit, 500)));
                ps.setInt(3, Math.max(0, offset));
                List<Conversation> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(conversation(rs));
                    }
                }
                return list;
            }
        });
    }

    /** A conversation of the user with its messages; empty when it does not exist or is someone else's. */
    public Optional<Transcript> get(long userId, String id) throws SQLException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return database.query(c -> {
            Optional<Conversation> conv = find(c, userId, id);
            if (conv.isEmpty()) {
                return Optional.empty();
            }
            List<Message> messages = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, role, content, model, node, prompt_tokens, "
                    + "completion_tokens, created_at FROM messages WHERE conversation_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        messages.add(message(rs));
                    }
                }
            }
            return Optional.of(new Transcript(conv.get(), messages));
        });
    }

    /** Renames a conversation of the user; false when there is none with that id. */
    public boolean rename(long userId, String id, String title) throws SQLException {
        String t = cleanTitle(title);
        if (t.isEmpty()) {
            throw new ConversationException(400, "the title must not be empty");
        }
        return update("UPDATE conversations SET title = ?, updated_at = now() WHERE id = ? AND user_id = ?", t, id, userId);
    }

    /** Deletes a conversation of the user and its messages; false when there is none with that id. */
    public boolean delete(long userId, String id) throws SQLException {
        return update("DELETE FROM conversations WHERE id = ? AND user_id = ?", null, id, userId);
    }

    private boolean update(String sql, String title, String id, long userId) throws SQLException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        return database.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (title != null) {
                    ps.setString(i++, title);
                }
                ps.setString(i++, id);
                ps.setLong(i, userId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Conversation ensure(Connection c, long userId, String id, String title) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO conversations (id, user_id, title) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, id);
            ps.setLong(2, userId);
            String t = cleanTitle(title);
            ps.setString(3, t.isEmpty() ? "New conversation" : t);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE c.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Conversation conv = conversation(rs);
                if (conv.userId() != userId) {
                    throw new ConversationException(403, "conversation " + id + " belongs to another user");
                }
                return conv;
            }
        }
    }

    private static Optional<Conversation> find(Connection c, long userId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE c.id = ? AND c.user_id = ?")) {
            ps.setString(1, id);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
            }
        }
    }

    private static void validateId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConversationException(400, "conversation_id must be 1 to 128 letters, digits, - or _");
        }
    }

    private static String cleanTitle(String title) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        return t.length() > TITLE_MAX ? t.substring(0, TITLE_MAX - 1) + "…" : t;
    }

    private static void setInt(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getInt(6));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable((Integer) rs.getObject(6)),
                Optional.ofNullable((Integer) rs.getObject(7)), rs.getTimestamp(8).toInstant());
    }
}
