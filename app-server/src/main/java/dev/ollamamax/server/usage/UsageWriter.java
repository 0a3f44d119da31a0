package dev.ollamamax.server.usage;

import dev.ollamamax.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.logging.Logger;

/**
 * Inserts usage events into {@code usage_requests}, a batch in one statement. A batch the database refuses
 * (say, a user deleted meanwhile) is written row by row and the refused rows are dropped with a warning;
 * while the database is unavailable the {@link dev.ollamamax.server.store.StoreUnavailableException} goes to
 * the caller, which keeps the rows.
 */
final class UsageWriter {

    private static final Logger LOG = Logger.getLogger(UsageWriter.class.getName());
    private static final String INSERT = "INSERT INTO usage_requests (at, user_id, api_key_id, endpoint, model, node, "
            + "listener, prompt_tokens, completion_tokens, ttft_ms, duration_ms, outcome, error_kind) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database database;

    UsageWriter(Database database) {
        this.database = database;
    }

    void insert(List<UsageEvent> events) {
        try {
            database.transaction(c -> insert(c, events));
        } catch (SQLException batchRefused) {
            int refused = 0;
            for (UsageEvent e : events) {
                try {
                    database.transaction(c -> insert(c, List.of(e)));
                } catch (SQLException rowRefused) {
                    refused++;
                }
            }
            int n = refused;
            LOG.warning(() -> n + " usage rows were refused by the database and dropped: " + batchRefused.getMessage());
        }
    }

    private static Void insert(Connection c, List<UsageEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (UsageEvent e : events) {
                ps.setTimestamp(1, Timestamp.from(e.at()));
                ps.setLong(2, e.userId());
                if (e.apiKeyId().isPresent()) {
                    ps.setLong(3, e.apiKeyId().get());
                } else {
                    ps.setNull(3, Types.BIGINT);
                }
                ps.setString(4, e.endpoint());
                ps.setString(5, e.model());
                ps.setString(6, e.node());
                ps.setString(7, e.listener());
                ps.setLong(8, e.promptTokens());
                ps.setLong(9, e.completionTokens());
                if (e.ttftMillis().isPresent()) {
                    ps.setLong(10, e.ttftMillis().get());
                } else {
                    ps.setNull(10, Types.BIGINT);
                }
                ps.setLong(11, e.durationMillis());
                ps.setString(12, e.outcome().wire());
                ps.setString(13, e.errorKind().orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return null;
    }
}
