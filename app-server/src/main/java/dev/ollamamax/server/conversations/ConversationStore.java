package dev.ollamamax.server.conversations;

import dev.ollamamax.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
     * Appends messages to a conversation, each following the one before, the first after the end of the
     * chosen path; creates the conversation (titled after the first user message) when the id is new. Throws
     * {@link ConversationException} 403 when the id belongs to another user, 400 when it is malformed.
     */
    public List<Message> append(long userId, String conversationId, List<NewMessage> messages) throws SQLException {
        validateId(conversationId);
        String title = messages.stream().filter(m -> m.role().equals("user")).map(NewMessage::content).findFirst()
                .orElse("New conversation");
        return database.transaction(c -> {
            ensure(c, userId, conversationId, title);
            List<Message> path = path(c, conversationId);
            Optional<Long> parent = path.isEmpty() ? Optional.empty() : Optional.of(path.getLast().id());
            List<Message> stored = new ArrayList<>();
            for (NewMessage m : messages) {
                Message saved = MessageRows.insert(c, conversationId, m, parent);
                parent = Optional.of(saved.id());
                stored.add(saved);
            }
            touch(c, conversationId);
            return stored;
        });
    }

    /**
     * Stores another answer to the user turn {@code turn} (0 = the first question of the chosen path) and makes
     * it the chosen one: what a regenerate produces. When the path has no such turn with that text (it was never
     * stored, or differs), the question and answer are appended instead, so nothing is lost.
     */
    public Message answerAgain(long userId, String conversationId, int turn, String question, NewMessage answer)
            throws SQLException {
        validateId(conversationId);
        Optional<Message> added = database.transaction(c -> {
            ensure(c, userId, conversationId, question);
            Optional<Message> asked = Transcripts.userTurn(path(c, conversationId), turn);
            if (asked.isEmpty() || !question.equals(asked.get().content())) {
                return Optional.<Message>empty();
            }
            Optional<Long> parent = Optional.of(asked.get().id());
            MessageRows.unchooseChildren(c, conversationId, parent);
            Message saved = MessageRows.insert(c, conversationId, answer, parent);
            touch(c, conversationId);
            return Optional.of(saved);
        });
        if (added.isPresent()) {
            return added.get();
        }
        return append(userId, conversationId, List.of(NewMessage.user(question), answer)).getLast();
    }

    /**
     * Edit-as-branch: stores {@code question} as another version of user turn {@code turn} (0 = the first
     * question of the chosen path), with its answer, as a new branch that becomes the chosen path; the old
     * question and everything after it stay, as the other branch. When the path has no such turn, question and
     * answer are appended. Returns the stored question and answer.
     */
    public List<Message> branch(long userId, String conversationId, int turn, NewMessage question, NewMessage answer)
            throws SQLException {
        validateId(conversationId);
        return database.transaction(c -> {
            ensure(c, userId, conversationId, question.content());
            List<Message> path = path(c, conversationId);
            Optional<Message> edited = Transcripts.userTurn(path, turn);
            Optional<Long> parent = edited.isPresent() ? edited.get().parentId()
                    : path.isEmpty() ? Optional.empty() : Optional.of(path.getLast().id());
            MessageRows.unchooseChildren(c, conversationId, parent);
            Message asked = MessageRows.insert(c, conversationId, question, parent);
            Message answered = MessageRows.insert(c, conversationId, answer, Optional.of(asked.id()));
            touch(c, conversationId);
            return List.of(asked, answered);
        });
    }

    /**
     * Makes answer {@code alternative} (0 = the first) of user turn {@code turn} of the chosen path the chosen
     * one; false when the conversation, the turn or the answer does not exist.
     */
    public boolean choose(long userId, String conversationId, int turn, int alternative) throws SQLException {
        if (!ID.matcher(conversationId).matches() || turn < 0 || alternative < 0) {
            return false;
        }
        return database.transaction(c -> {
            if (find(c, userId, conversationId).isEmpty()) {
                return false;
            }
            Optional<Message> asked = Transcripts.userTurn(path(c, conversationId), turn);
            if (asked.isEmpty()) {
                return false;
            }
            List<Message> answers = Transcripts.children(MessageRows.all(c, conversationId, false))
                    .getOrDefault(asked.get().id(), List.of());
            return alternative < answers.size() && MessageRows.choose(c, conversationId, answers.get(alternative).id());
        });
    }

    /**
     * Makes message {@code messageId} the chosen one among its siblings (the other answers of its question, or
     * the other versions of an edited question), so the path shows its branch; false when the user's
     * conversation has no such message.
     */
    public boolean chooseMessage(long userId, String conversationId, long messageId) throws SQLException {
        if (!ID.matcher(conversationId).matches()) {
            return false;
        }
        return database.transaction(c -> find(c, userId, conversationId).isPresent()
                && MessageRows.choose(c, conversationId, messageId));
    }

    /**
     * The user's conversations whose messages or title match {@code query} (PostgreSQL full-text search,
     * web-search syntax), best first, at most {@link ConversationSearch#MAX_RESULTS}; 400 for an empty query.
     */
    public List<SearchHit> search(long userId, String query, int limit) throws SQLException {
        if (query == null || query.isBlank()) {
            throw new ConversationException(400, "search needs some words: ?q=…");
        }
        if (query.length() > 500) {
            throw new ConversationException(400, "the search is longer than 500 characters");
        }
        return database.query(c -> ConversationSearch.search(c, userId, query.strip(), limit));
    }

    private static List<Message> path(Connection c, String conversationId) throws SQLException {
        return Transcripts.path(Transcripts.children(MessageRows.all(c, conversationId, false)));
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
            List<Message> all = MessageRows.all(c, id, true);
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

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getInt(6));
    }
}
