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

/** SQL for the {@code api_keys} table. */
final class ApiKeys {

    /** A key found by its hash, with its owner. */
    record Owner(long keyId, Optional<Instant> revokedAt, long userId, String username, String role) {
    }

    private static final String COLUMNS = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

    private ApiKeys() {
    }

    static ApiKeyInfo insert(Connection c, long userId, String name, String prefix, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (user_id, name, prefix, key_hash) "
                + "VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, prefix);
            ps.setString(4, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return info(rs);
            }
        }
    }

    static List<ApiKeyInfo> list(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY id")) {
            ps.setLong(1, userId);
            List<ApiKeyInfo> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(info(rs));
                }
            }
            return keys;
        }
    }

    static Optional<ApiKeyInfo> byId(Connection c, long keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
            ps.setLong(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(info(rs)) : Optional.empty();
            }
        }
    }

    static void revoke(Connection c, long keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, keyId);
            ps.executeUpdate();
        }
    }

    static Optional<Owner> byHash(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT k.id, k.revoked_at, u.id, u.username, u.role "
                + "FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Owner(rs.getLong(1), instant(rs.getTimestamp(2)), rs.getLong(3),
                        rs.getString(4), rs.getString(5)));
            }
        }
    }

    static void touch(Connection c, long keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at = now() WHERE id = ?")) {
            ps.setLong(1, keyId);
            ps.executeUpdate();
        }
    }

    private static ApiKeyInfo info(ResultSet rs) throws SQLException {
        return new ApiKeyInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
