package dev.ollamamax.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** Appends to {@code audit_log}: who did what to whom (account and key changes, refused token reuse). */
final class AuditLog {

    private AuditLog() {
    }

    static void record(Connection c, Optional<Long> actorId, String actor, String action, String target,
                       String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (actor_user_id, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
            if (actorId.isPresent()) {
                ps.setLong(1, actorId.get());
            } else {
                ps.setNull(1, Types.BIGINT);
            }
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }
}
