package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users and API keys: creating them (by registration, or by the CLI for headless setups), checking
 * passwords, listing and revoking keys. Every change is written to the audit log in the same transaction.
 */
public final class Accounts {

    /** A user as shown to clients. */
    public record UserView(long id, String username, String role, boolean disabled, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.username(), u.role(), u.disabled(), u.createdAt());
        }
    }

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;

    private final Database database;
    private final PasswordHasher hasher = new PasswordHasher();

    public Accounts(Database database) {
        this.database = database;
    }

    /**
     * Creates a user with a role ({@code admin} or {@code user}). {@code actor} names who did it in the audit
     * log ("self", "cli", "setup", an admin's name).
     */
    public UserView addUser(String username, String password, String role, String actor) throws SQLException {
        validateUsername(username);
        validatePassword(password, "password");
        validateRole(role);
        String hash = hasher.hash(password);
        try {
            return database.transaction(c -> {
                User user = Users.insert(c, username, hash, role);
                AuditLog.record(c, Optional.of(user.id()), actor, "user.create", user.username(), "role=" + user.role());
                return UserView.of(user);
            });
        } catch (SQLException e) {
            if (Users.isUniqueViolation(e)) {
                throw new AuthException(409, "the user name '" + username + "' is already taken");
            }
            throw e;
        }
    }

    /** Whether an enabled admin who can sign in exists (the reserved local account does not count). */
    public boolean hasAdmin() throws SQLException {
        return database.query(Users::activeAdmins) > 0;
    }

    /** The account requests are attributed to while auth is switched off (created on first use; cannot log in). */
    User localUser() throws SQLException {
        try {
            return database.transaction(c -> {
                Optional<User> existing = Users.byName(c, Users.LOCAL_USER);
                return existing.isPresent() ? existing.get() : Users.insert(c, Users.LOCAL_USER, "!", Users.ADMIN);
            });
        } catch (SQLException e) {
            if (Users.isUniqueViolation(e)) {
                return database.query(c -> Users.byName(c, Users.LOCAL_USER)).orElseThrow();
            }
            throw e;
        }
    }

    /**
     * The user when the password is right; the same time is spent when the user does not exist. A hash
     * made with fewer iterations than today's is replaced by a new one of the same password.
     */
    Optional<User> checkPassword(String username, String password) throws SQLException {
        Optional<User> user = database.query(c -> Users.byName(c, username));
        if (user.isEmpty()) {
            hasher.verifyNothing(password);
            return Optional.empty();
        }
        User u = user.get();
        if (!hasher.verify(password, u.passwordHash())) {
            return Optional.empty();
        }
        if (PasswordHasher.needsRehash(u.passwordHash())) {
            String stronger = hasher.hash(password);
            database.query(c -> {
                Users.rehash(c, u.id(), u.passwordHash(), stronger);
                return null;
            });
        }
        return user;
    }

    /** The id of the user with this name, if there is one. */
    public Optional<Long> idOf(String username) throws SQLException {
        return database.query(c -> Users.byName(c, username)).map(User::id);
    }

    Optional<User> byId(long id) throws SQLException {
        return database.query(c -> Users.byId(c, id));
    }

    /** Sets a new password after checking the current one; the caller revokes the user's sessions. */
    void changePassword(Principal who, String current, String next) throws SQLException {
        validatePassword(next, "new_password");
        User user = byId(who.userId()).orElseThrow(() -> new AuthException(401, "this account no longer exists"));
        if (!hasher.verify(current, user.passwordHash())) {
            throw new AuthException(401, "the current password is wrong");
        }
        String hash = hasher.hash(next);
        database.transaction(c -> {
            Users.updatePassword(c, user.id(), hash);
            AuditLog.record(c, Optional.of(user.id()), user.username(), "user.password", user.username(), null);
            return null;
        });
    }

    /** Creates an unrestricted API key for a user (by name), for the CLI. */
    public IssuedKey createKey(String username, String name, String actor) throws SQLException {
        User user = database.query(c -> Users.byName(c, username))
                .orElseThrow(() -> new AuthException(404, "there is no user named '" + username + "'"));
        return createKey(user.id(), name, KeyPolicy.UNRESTRICTED, actor, Optional.empty());
    }

    IssuedKey createKey(long userId, String name, KeyPolicy policy, String actor, Optional<Long> actorId)
            throws SQLException {
        String label = name == null || name.isBlank() ? "key" : name.strip();
        if (label.length() > 100) {
            throw new AuthException(400, "the key name is longer than 100 characters");
        }
        String key = Tokens.newApiKey();
        ApiKeyInfo info = database.transaction(c -> {
            ApiKeyInfo created = ApiKeys.insert(c, userId, label, Tokens.shownPrefix(key), Tokens.sha256(key), policy);
            AuditLog.record(c, actorId.or(() -> Optional.of(userId)), actor, "key.create",
                    "key " + created.id() + " of user " + userId, label);
            return created;
        });
        return new IssuedKey(info, key);
    }

    List<ApiKeyInfo> listKeys(long userId) throws SQLException {
        return database.query(c -> ApiKeys.list(c, userId));
    }

    /** Revokes a key of the caller (an admin may revoke anyone's); effective for the next request. */
    ApiKeyInfo revokeKey(Principal who, long keyId) throws SQLException {
        return database.transaction(c -> {
            ApiKeyInfo key = ApiKeys.byId(c, keyId).filter(k -> k.userId() == who.userId() || who.isAdmin())
                    .orElseThrow(() -> new AuthException(404, "you have no API key with id " + keyId));
            ApiKeys.revoke(c, keyId);
            AuditLog.record(c, Optional.of(who.userId()), who.username(), "key.revoke",
                    "key " + keyId + " of user " + key.userId(), key.name());
            return key;
        });
    }

    /** Writes a refused request to the audit log, off the request thread (a failure is only logged). */
    void auditRefusal(Principal who, String method, String path, String why) {
        Thread.ofVirtual().name("audit").start(() -> {
            try {
                database.query(c -> {
                    AuditLog.record(c, Optional.of(who.userId()).filter(id -> id > 0), who.username(), "forbidden",
                            method + " " + path, why);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                java.util.logging.Logger.getLogger(Accounts.class.getName())
                        .warning("Could not audit a refused " + method + " " + path + " of " + who.username());
            }
        });
    }

    private static void validateUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AuthException(400, "username must be 3 to 64 letters, digits or . _ @ -");
        }
    }

    static void validateRole(String role) {
        if (!Users.ADMIN.equals(role) && !Users.USER.equals(role)) {
            throw new AuthException(400, "role must be admin or user");
        }
    }

    static void validatePassword(String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new AuthException(400, field + " must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new AuthException(400, field + " must be at most " + MAX_PASSWORD + " characters");
        }
    }
}
