package dev.ollamamax.server.conversations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over one user's conversations: messages (the generated {@code messages.search} tsvector,
 * GIN-indexed) and titles (an expression GIN index), with PostgreSQL's {@code english} configuration and
 * {@code websearch_to_tsquery} (so quotes, {@code or} and {@code -word} work as on the web). One hit per
 * conversation: its best-ranked message, or its title when only the title matched; best first.
 */
final class ConversationSearch {

    static final int MAX_RESULTS = 50;
    private static final String HEADLINE = "'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=1'";
    private static final String SQL = """
            WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query),
            hits AS (
                SELECT DISTINCT ON (c.id) c.id, c.title, c.updated_at, m.id AS message_id, m.content,
                       ts_rank(m.search, q.query) + CASE WHEN to_tsvector('english', c.title) @@ q.query THEN 1 ELSE 0 END AS rank
                FROM conversations c JOIN messages m ON m.conversation_id = c.id, q
                WHERE c.user_id = ? AND m.search @@ q.query
                ORDER BY c.id, ts_rank(m.search, q.query) DESC, m.id
            ),
            titles AS (
                SELECT c.id, c.title, c.updated_at, 0::bigint AS message_id, c.title AS content, 1.0::real AS rank
                FROM conversations c, q
                WHERE c.user_id = ? AND to_tsvector('english', c.title) @@ q.query
                  AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.id = c.id)
            )
            SELECT a.id, a.title, ts_headline('english', a.content, q.query, %s), a.message_id, a.updated_at
            FROM (SELECT * FROM hits UNION ALL SELECT * FROM titles) a, q
            ORDER BY a.rank DESC, a.updated_at DESC, a.id
            LIMIT ?
            """.formatted(HEADLINE);

    private ConversationSearch() {
    }

    static List<SearchHit> search(Connection c, long userId, String query, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, query);
            ps.setLong(2, userId);
            ps.setLong(3, userId);
            ps.setInt(4, Math.max(1, Math.min(limit, MAX_RESULTS)));
            List<SearchHit> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }
}
