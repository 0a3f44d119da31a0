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
    private static final String COLUMNS = "id, role, content, model, node, prompt_tokens, completion_tokens, "
            + "created_at, parent_id, chosen";
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
            Optional<Long> lastUser = userTurn(c, conversationId, -1);
            for (NewMessage m : messages) {
                Message saved = insert(c, conversationId, m, m.role().equals("assistant") ? lastUser : Optional.empty());
                if (saved.role().equals("user")) {
                    lastUser = Optional.of(saved.id());
                }
                stored.add(saved);
            }
            touch(c, conversationId);
            return stored;
        });
    }

    /**
     * Stores another answer to the user turn {@code turn} (0 = the first user message) and makes it the chosen
     * one: what a regenerate produces. When the conversation has no such turn with that text (it was never
     * stored, or differs), the question and answer are appended instead, so nothing is lost.
     */
    public Message answerAgain(long userId, String conversationId, int turn, String question, NewMessage answer)
            throws SQLException {
        validateId(conversationId);
        Optional<Message> added = database.transaction(c -> {
            ensure(c, userId, conversationId, question);
            Optional<Long> parent = userTurn(c, conversationId, turn);
            if (parent.isEmpty() || !question.equals(content(c, parent.get()))) {
                return Optional.<Message>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET chosen = false WHERE parent_id = ?")) {
                ps.setLong(1, parent.get());
                ps.executeUpdate();
            }
            Message saved = insert(c, conversationId, answer, parent);
            touch(c, conversationId);
            return Optional.of(saved);
        });
        if (added.isPresent()) {
            return added.get();
        }
        return append(userId, conversationId, List.of(NewMessage.user(question), answer)).getLast();
    }

    /**
     * Makes answer {@code alternative} (0 = the first) of user turn {@code turn} the chosen one; false when the
     * conversation, the turn or the answer does not exist.
     */
    public boolean choose(long userId, String conversationId, int turn, int alternative) throws SQLException {
        if (!ID.matcher(conversationId).matches() || turn < 0 || alternative < 0) {
            return false;
        }
        return database.transaction(c -> {
            if (find(c, userId, conversationId).isEmpty()) {
                return false;
            }
            Optional<Long> parent = userTurn(c, conversationId, turn);
            if (parent.isEmpty()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET chosen = (id = (SELECT id FROM messages "
                    + "WHERE parent_id = ? ORDER BY id OFFSET ? LIMIT 1)) WHERE parent_id = ? "
                    + "AND EXISTS (SELECT 1 FROM messages WHERE parent_id = ? ORDER BY id OFFSET ? LIMIT 1)")) {
                ps.setLong(1, parent.get());
                ps.setInt(2, alternative);
                ps.setLong(3, parent.get());
                ps.setLong(4, parent.get());
                ps.setInt(5, alternative);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The id of user message number {@code turn} (0-based) of the conversation; the last one for -1. */
    private static Optional<Long> userTurn(Connection c, String conversationId, int turn) throws SQLException {
        String sql = turn < 0
                ? "SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY id DESC LIMIT 1"
                : "SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' ORDER BY id OFFSET ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, conversationId);
            if (turn >= 0) {
                ps.setInt(2, turn);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String content(Connection c, long messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT content FROM messages WHERE id = ?")) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Message insert(Connection c, String conversationId, NewMessage m, Optional<Long> parent)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (conversation_id, role, content, "
                + "model, node, prompt_tokens, completion_tokens, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "RETURNING " + COLUMNS)) {
            ps.setString(1, conversationId);
            ps.setString(2, m.role());
            ps.setString(3, m.content());
            ps.setString(4, m.model().orElse(null));
            ps.setString(5, m.node().orElse(null));
            setInt(ps, 6, m.promptTokens());
            setInt(ps, 7, m.completionTokens());
            if (parent.isPresent()) {
                ps.setLong(8, parent.get());
            } else {
                ps.setNull(8, Types.BIGINT);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return message(rs);
            }
        }
    }

    private static void touch(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET updated_at = now() WHERE id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
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
            List<Message> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM messages WHERE conversation_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(message(rs));
                    }
                }
            }
            return Optional.of(Transcripts.of(conv.get(), all));
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
                Optional.ofNullable((Integer) rs.getObject(7)), rs.getTimestamp(8).toInstant(),
                Optional.ofNullable((Long) rs.getObject(9)), rs.getBoolean(10));
    }
}
