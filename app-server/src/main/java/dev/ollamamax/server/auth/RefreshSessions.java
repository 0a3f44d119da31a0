package dev.ollamamax.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code refresh_sessions}: one row per refresh token, grouped in families (one login each). */
final class RefreshSessions {

    record Session(long id, long userId, UUID family, Instant expiresAt, Optional<Instant> usedAt,
                   Optional<Instant> revokedAt) {
    }

    private RefreshSessions() {
    }

    static void insert(Connection c, long userId, UUID family, String tokenHash, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO refresh_sessions (user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, userId);
            ps.setObject(2, family);
            ps.setString(3, tokenHash);
            ps.setTimestamp(4, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
    }

    /** The session of a token, locked until the transaction ends (two refreshes of one token cannot both win). */
    static Optional<Session> byHashForUpdate(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, user_id, family_id, expires_at, used_at, revoked_at "
                + "FROM refresh_sessions WHERE token_hash = ? FOR UPDATE")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
            }
        }
    }

    static void markUsed(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_sessions SET used_at = now() WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    static void revokeFamily(Connection c, UUID family) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE refresh_sessions SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, family);
            ps.executeUpdate();
        }
    }

    /** Revokes every live session of a user; returns their families. */
    static List<UUID> revokeAllForUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_sessions SET revoked_at = now() "
                + "WHERE user_id = ? AND revoked_at IS NULL RETURNING family_id")) {
            ps.setLong(1, userId);
            List<UUID> families = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID f = rs.getObject(1, UUID.class);
                    if (!families.contains(f)) {
                        families.add(f);
                    }
                }
            }
            return families;
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
