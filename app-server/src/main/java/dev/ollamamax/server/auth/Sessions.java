package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins: a login opens a session (a family of refresh tokens) and issues an access token; refreshing
 * rotates the refresh token; presenting a used one again revokes the whole family (it was stolen or
 * replayed); logging out revokes the family and, through {@link RevokedSessions}, its access tokens.
 */
final class Sessions {

    /** What the token endpoints answer. */
    record TokenPair(String accessToken, String refreshToken, long expiresIn, Accounts.UserView user) {
    }

    private sealed interface Rotation {
        record Rotated(TokenPair pair) implements Rotation {
        }

        record Refused(String message) implements Rotation {
        }
    }

    private final Database database;
    private final Accounts accounts;
    private final AccessTokens tokens;
    private final RevokedSessions revoked;
    private final Duration refreshTtl;
    private final Clock clock;

    Sessions(Database database, Accounts accounts, AccessTokens tokens, RevokedSessions revoked, Duration refreshTtl,
             Clock clock) {
        this.database = database;
        this.accounts = accounts;
        this.tokens = tokens;
        this.revoked = revoked;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    TokenPair login(String username, String password) throws SQLException {
        if (username == null || password == null) {
            throw new AuthException(400, "username and password are required");
        }
        User user = accounts.checkPassword(username, password)
                .orElseThrow(() -> new AuthException(401, "wrong username or password"));
        if (user.disabled()) {
            throw new AuthException(403, "this account is disabled; ask an admin");
        }
        database.query(c -> {
            Users.touchLogin(c, user.id());
            return null;
        });
        return open(user);
    }

    /** Starts a new session for a user whose identity was just proven. */
    TokenPair open(User user) throws SQLException {
        UUID family = UUID.randomUUID();
        String refresh = Tokens.newRefreshToken();
        database.query(c -> {
            RefreshSessions.insert(c, user.id(), family, Tokens.sha256(refresh), clock.instant().plus(refreshTtl));
            return null;
        });
        return pair(user, family, refresh);
    }

    TokenPair refresh(String refreshToken) throws SQLException {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new AuthException(400, "refresh_token is required");
        }
        Rotation rotation = database.transaction(c -> {
            Optional<RefreshSessions.Session> found = RefreshSessions.byHashForUpdate(c, Tokens.sha256(refreshToken));
            if (found.isEmpty()) {
                return new Rotation.Refused("unknown refresh token");
            }
            RefreshSessions.Session s = found.get();
            if (s.revokedAt().isPresent()) {
                return new Rotation.Refused("this refresh token was revoked (logged out); log in again");
            }
            if (s.usedAt().isPresent()) {
                RefreshSessions.revokeFamily(c, s.family());
                AuditLog.record(c, Optional.of(s.userId()), "gateway", "session.reuse", "user " + s.userId(),
                        "a used refresh token was presented again; session " + s.family() + " revoked");
                revoked.revoke(s.family());
                return new Rotation.Refused("this refresh token was already used; the whole session was signed out "
                        + "for safety; log in again");
            }
            if (s.expiresAt().isBefore(clock.instant())) {
                return new Rotation.Refused("the refresh token expired at "
                        + DateTimeFormatter.ISO_INSTANT.format(s.expiresAt()) + "; log in again");
            }
            User user = Users.byId(c, s.userId()).orElse(null);
            if (user == null) {
                return new Rotation.Refused("this account no longer exists");
            }
            if (user.disabled()) {
                return new Rotation.Refused("this account is disabled; ask an admin");
            }
            RefreshSessions.markUsed(c, s.id());
            String next = Tokens.newRefreshToken();
            RefreshSessions.insert(c, user.id(), s.family(), Tokens.sha256(next), clock.instant().plus(refreshTtl));
            return new Rotation.Rotated(pair(user, s.family(), next));
        });
        return switch (rotation) {
            case Rotation.Rotated r -> r.pair();
            case Rotation.Refused r -> throw new AuthException(401, r.message());
        };
    }

    void logout(String refreshToken) throws SQLException {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new AuthException(400, "refresh_token is required");
        }
        UUID family = database.transaction(c -> {
            RefreshSessions.Session s = RefreshSessions.byHashForUpdate(c, Tokens.sha256(refreshToken))
                    .orElseThrow(() -> new AuthException(401, "unknown refresh token"));
            RefreshSessions.revokeFamily(c, s.family());
            return s.family();
        });
        revoked.revoke(family);
    }

    /** Ends every session of a user (after a password change); their access tokens stop working too. */
    void revokeAll(long userId) throws SQLException {
        List<UUID> families = database.transaction(c -> RefreshSessions.revokeAllForUser(c, userId));
        families.forEach(revoked::revoke);
    }

    private TokenPair pair(User user, UUID family, String refresh) {
        AccessTokens.Issued access = tokens.issue(user.id(), user.username(), user.role(), family);
        long expiresIn = Math.max(0, Duration.between(clock.instant(), access.expiresAt()).toSeconds());
        return new TokenPair(access.token(), refresh, expiresIn, Accounts.UserView.of(user));
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }
}
