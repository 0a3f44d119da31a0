package dev.ollamamax.server.usage;

import dev.ollamamax.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Usage read back by day (UTC) × model × API key, for one user or (admins) for everyone. */
final class UsageQueries {

    private static final String SELECT = "SELECT (u.at AT TIME ZONE 'UTC')::date AS day, u.model, u.api_key_id, "
            + "k.name, k.prefix, u.user_id, us.username, count(*), sum(u.prompt_tokens), sum(u.completion_tokens), "
            + "count(*) FILTER (WHERE u.outcome = 'error'), count(*) FILTER (WHERE u.outcome = 'cached'), "
            + "count(*) FILTER (WHERE u.outcome = 'cancelled'), avg(u.ttft_ms) "
            + "FROM usage_requests u JOIN users us ON us.id = u.user_id LEFT JOIN api_keys k ON k.id = u.api_key_id "
            + "WHERE u.at >= ? AND u.at < ? ";
    private static final String GROUP = "GROUP BY day, u.model, u.api_key_id, k.name, k.prefix, u.user_id, us.username "
            + "ORDER BY day DESC, us.username, u.model, u.api_key_id NULLS FIRST";

    private final Database database;

    UsageQueries(Database database) {
        this.database = database;
    }

    /** Rows of {@code userId} (or of everyone when empty) from {@code from} to {@code to}, both days included. */
    List<Map<String, Object>> rows(Optional<Long> userId, LocalDate from, LocalDate to) throws SQLException {
        String sql = SELECT + (userId.isPresent() ? "AND u.user_id = ? " : "") + GROUP;
        return database.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
                ps.setTimestamp(2, Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                if (userId.isPresent()) {
                    ps.setLong(3, userId.get());
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs, userId.isEmpty()));
                    }
                }
                return rows;
            }
        });
    }

    private static Map<String, Object> row(ResultSet rs, boolean withUser) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", rs.getObject(1, LocalDate.class).toString());
        if (withUser) {
            row.put("user_id", rs.getLong(6));
            row.put("username", rs.getString(7));
        }
        row.put("model", rs.getString(2));
        long key = rs.getLong(3);
        row.put("api_key_id", rs.wasNull() ? null : key);
        row.put("key_name", rs.getString(4));
        row.put("key_prefix", rs.getString(5));
        row.put("requests", rs.getLong(8));
        row.put("prompt_tokens", rs.getLong(9));
        row.put("completion_tokens", rs.getLong(10));
        row.put("errors", rs.getLong(11));
        row.put("cached", rs.getLong(12));
        row.put("cancelled", rs.getLong(13));
        double ttft = rs.getDouble(14);
        row.put("avg_ttft_ms", rs.wasNull() ? null : Math.round(ttft));
        return row;
    }
}
