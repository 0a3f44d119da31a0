package dev.ollamamax.server.conversations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of single messages: insert (with images), read a conversation's messages, choose among siblings. */
final class MessageRows {

    private static final String COLUMNS = "id, role, content, model, node, prompt_tokens, completion_tokens, "
            + "created_at, parent_id, chosen, thinking";

    private MessageRows() {
    }

    /** Inserts a message under {@code parent} (empty: a first question), chosen. */
    static Message insert(Connection c, String conversationId, NewMessage m, Optional<Long> parent) throws SQLException {
        Message saved;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (conversation_id, role, content, "
                + "model, node, prompt_tokens, completion_tokens, parent_id, thinking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
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
            ps.setString(9, m.thinking().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                saved = message(rs);
            }
        }
        if (m.images().isEmpty()) {
            return saved;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_images (message_id, position, data) VALUES (?, ?, ?)")) {
            for (int i = 0; i < m.images().size(); i++) {
                ps.setLong(1, saved.id());
                ps.setInt(2, i);
                ps.setBytes(3, Base64.getDecoder().decode(m.images().get(i)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return saved.withImages(m.images());
    }

    /** Every message of the conversation in id order; with {@code images} their pictures too (base64). */
    static List<Message> all(Connection c, String conversationId, boolean images) throws SQLException {
        List<Message> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? ORDER BY id")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(message(rs));
                }
            }
        }
        if (!images) {
            return all;
        }
        Map<Long, List<String>> pictures = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.message_id, i.data FROM message_images i "
                + "JOIN messages m ON m.id = i.message_id WHERE m.conversation_id = ? ORDER BY i.message_id, i.position")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pictures.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(Base64.getEncoder().encodeToString(rs.getBytes(2)));
                }
            }
        }
        all.replaceAll(m -> pictures.containsKey(m.id()) ? m.withImages(pictures.get(m.id())) : m);
        return all;
    }

    /** Marks none of the messages with this parent (empty: the first questions) of the conversation chosen. */
    static void unchooseChildren(Connection c, String conversationId, Optional<Long> parent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET chosen = false WHERE conversation_id = ? "
                + "AND parent_id IS NOT DISTINCT FROM ?")) {
            ps.setString(1, conversationId);
            ps.setObject(2, parent.orElse(null), Types.BIGINT);
            ps.executeUpdate();
        }
    }

    /** Makes message {@code id} the chosen one among its siblings; false when the conversation has no such message. */
    static boolean choose(Connection c, String conversationId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET chosen = (id = ?) WHERE conversation_id = ? "
                + "AND parent_id IS NOT DISTINCT FROM (SELECT parent_id FROM messages WHERE id = ? AND conversation_id = ?) "
                + "AND EXISTS (SELECT 1 FROM messages WHERE id = ? AND conversation_id = ?)")) {
            ps.setLong(1, id);
            ps.setString(2, conversationId);
            ps.setLong(3, id);
            ps.setString(4, conversationId);
            ps.setLong(5, id);
            ps.setString(6, conversationId);
            return ps.executeUpdate() > 0;
        }
    }

    private static void setInt(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable((Integer) rs.getObject(6)),
                Optional.ofNullable((Integer) rs.getObject(7)), rs.getTimestamp(8).toInstant(),
                Optional.ofNullable((Long) rs.getObject(9)), rs.getBoolean(10), Optional.ofNullable(rs.getString(11)), List.of());
    }
}
