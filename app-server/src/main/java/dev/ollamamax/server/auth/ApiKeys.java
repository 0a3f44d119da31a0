package dev.ollamamax.server.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** SQL for the {@code api_keys} table. */
final class ApiKeys {

    /** A key found by its hash, with its owner (and whether the owner is disabled). */
    record Owner(long keyId, Optional<Instant> revokedAt, long userId, String username, String role,
                 boolean disabled, KeyPolicy policy) {
    }

    private static final String COLUMNS = "id, user_id, name, prefix, created_at, last_used_at, revoked_at, "
            + "scopes, models, requests_per_minute, tokens_per_minute, expires_at";
    private static final String K_COLUMNS = "k.id, k.user_id, k.name, k.prefix, k.created_at, k.last_used_at, "
            + "k.revoked_at, k.scopes, k.models, k.requests_per_minute, k.tokens_per_minute, k.expires_at";

    private ApiKeys() {
    }

    static ApiKeyInfo insert(Connection c, long userId, String name, String prefix, String hash, KeyPolicy policy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, "
                + "models, requests_per_minute, tokens_per_minute, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "RETURNING " + COLUMNS)) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, prefix);
            ps.setString(4, hash);
            ps.setArray(5, c.createArrayOf("text", policy.scopes().stream().sorted().toArray()));
            ps.setArray(6, c.createArrayOf("text", policy.models().toArray()));
            setInt(ps, 7, policy.requestsPerMinute());
            setInt(ps, 8, policy.tokensPerMinute());
            if (policy.expiresAt().isPresent()) {
                ps.setTimestamp(9, Timestamp.from(policy.expiresAt().get()));
            } else {
                ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
            }
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
        try (PreparedStatement ps = c.prepareStatement("SELECT " + K_COLUMNS + ", u.username, u.role, u.disabled "
                + "FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ApiKeyInfo k = info(rs);
                return Optional.of(new Owner(k.id(), k.revokedAt(), k.userId(), rs.getString(13), rs.getString(14),
                        rs.getBoolean(15), k.policy()));
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
        KeyPolicy policy = new KeyPolicy(Set.of(strings(rs.getArray(8))), List.of(strings(rs.getArray(9))),
                optionalInt(rs, 10), optionalInt(rs, 11), instant(rs.getTimestamp(12)));
        return new ApiKeyInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), policy);
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private static void setInt(PreparedStatement ps, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.getAsInt());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
