package dev.ollamamax.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for the {@code users} table. Names are unique whatever their case. */
final class Users {

    /** Reserved for the account used when auth is switched off; registration cannot produce this name. */
    static final String LOCAL_USER = "(local)";
    private static final long FIRST_USER_LOCK = 0x6f6d78_0001L;

    private Users() {
    }

    static Optional<User> byName(Connection c, String username) throws SQLException {
        return one(c, "SELECT id, username, role, password_hash, created_at FROM users WHERE lower(username) = lower(?)",
                username);
    }

    static Optional<User> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, username, role, password_hash, created_at FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps);
        }
    }

    /**
     * Inserts a user; without a role given, the first user of the database becomes admin (serialised by an
     * advisory lock, so two concurrent first registrations cannot both become admin). Call in a transaction.
     */
    static User insert(Connection c, String username, String passwordHash, Optional<String> role) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, FIRST_USER_LOCK);
            lock.execute();
        }
        String chosen = role.orElse(null);
        if (chosen == null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM users WHERE username <> ?)")) {
                ps.setString(1, LOCAL_USER);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    chosen = rs.getBoolean(1) ? "user" : "admin";
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) "
                        + "RETURNING id, username, role, password_hash, created_at")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, chosen);
            return read(ps).orElseThrow();
        }
    }

    static void updatePassword(Connection c, long id, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ?, password_changed_at = now() WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    static void touchLogin(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET last_login_at = now() WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static Optional<User> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return read(ps);
        }
    }

    private static Optional<User> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant()));
        }
    }
}
