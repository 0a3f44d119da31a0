package dev.ollamamax.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code users} table. Names are unique whatever their case. */
final class Users {

    /** Reserved for the account used when auth is switched off; registration cannot produce this name. */
    static final String LOCAL_USER = "(local)";
    static final String ADMIN = "admin";
    static final String USER = "user";
    /** Serialises changes that must keep at least one admin (two demotions at once cannot both pass). */
    private static final long ADMINS_LOCK = 0x6f6d78_0001L;
    private static final String COLUMNS = "id, username, role, password_hash, created_at, disabled";

    private Users() {
    }

    static Optional<User> byName(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?)")) {
            ps.setString(1, username);
            return read(ps);
        }
    }

    static Optional<User> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            return read(ps);
        }
    }

    /** Every account but the reserved local one, oldest first. */
    static List<User> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username <> ? ORDER BY id")) {
            ps.setString(1, LOCAL_USER);
            List<User> users = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(user(rs));
                }
            }
            return users;
        }
    }

    /** Inserts a user with the given role ({@code admin} or {@code user}). Call in a transaction. */
    static User insert(Connection c, String username, String passwordHash, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role);
            return read(ps).orElseThrow();
        }
    }

    /** Takes the admins lock until the transaction ends. */
    static void lockAdmins(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ADMINS_LOCK);
            lock.execute();
        }
    }

    /** Enabled admins who can sign in (the reserved local account does not count). */
    static int activeAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND username <> ?")) {
            ps.setString(1, LOCAL_USER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void updateRoleAndState(Connection c, long id, String role, boolean disabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ?, disabled = ? WHERE id = ?")) {
            ps.setString(1, role);
            ps.setBoolean(2, disabled);
            ps.setLong(3, id);
            ps.executeUpdate();
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

    /** Replaces the stored hash of the same password by a stronger one (the password did not change). */
    static void rehash(Connection c, long id, String oldHash, String newHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
            ps.setString(1, newHash);
            ps.setLong(2, id);
            ps.setString(3, oldHash);
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

    private static Optional<User> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(user(rs)) : Optional.empty();
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getBoolean(6));
    }
}
