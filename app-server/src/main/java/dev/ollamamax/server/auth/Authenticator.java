package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import dev.ollamamax.server.store.StoreUnavailableException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Checks a credential: a JWT access token (signature, expiry, session not logged out) or an API key
 * (looked up by hash on every call, so a revoked key is refused at once). Used by the HTTP filter and by
 * the WebSocket chat on {@code /chat}. Messages never contain the credential.
 */
public final class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
    /** The header OpenAI-style clients may use instead of {@code Authorization}. */
    public static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final AccessTokens tokens;
    private final RevokedSessions revoked;
    private final Database database;
    private final Clock clock;
    private final Map<Long, Instant> lastTouched = new ConcurrentHashMap<>();

    Authenticator(AccessTokens tokens, RevokedSessions revoked, Database database, Clock clock) {
        this.tokens = tokens;
        this.revoked = revoked;
        this.database = database;
        this.clock = clock;
    }

    /** The principal of a JWT or API key (with or without a {@code Bearer } prefix), or empty when refused. */
    public Optional<Principal> authenticate(String bearerOrKey) {
        return verify(bearerOrKey).principal();
    }

    /** Like {@link #authenticate} but says why a credential was refused. */
    public AuthResult verify(String bearerOrKey) {
        String credential = bearerOrKey == null ? "" : stripBearer(bearerOrKey.strip());
        if (credential.isEmpty()) {
            return AuthResult.refused(AuthError.MISSING_TOKEN,
                    "missing token: send Authorization: Bearer <access token or API key>, or x-api-key: <API key>");
        }
        if (Tokens.looksLikeApiKey(credential)) {
            return verifyKey(credential);
        }
        if (credential.chars().filter(ch -> ch == '.').count() != 2) {
            return AuthResult.refused(AuthError.MALFORMED_TOKEN,
                    "the credential is neither an access token (JWT) nor an OllamaMax API key (omx_…)");
        }
        AccessTokens.Verified v = tokens.verify(credential);
        if (v.result().ok() && v.session().isPresent()) {
            Optional<Boolean> isRevoked = revoked.isRevoked(v.session().get());
            if (isRevoked.isEmpty()) {
                return AuthResult.refused(AuthError.UNAVAILABLE,
                        "cannot check whether this session was logged out now (Redis and PostgreSQL unavailable)");
            }
            if (isRevoked.get()) {
                return AuthResult.refused(AuthError.REVOKED_SESSION,
                        "this access token belongs to a session that was logged out (or ended by a password, "
                                + "role or account change); log in again");
            }
        }
        return v.result();
    }

    /** The credential of a request or WebSocket upgrade: {@code Authorization: Bearer …}, else {@code x-api-key}. */
    public static Optional<String> credential(Headers headers) {
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (authorization.isPresent()) {
            return authorization;
        }
        return headers.first(X_API_KEY).map(String::strip).filter(s -> !s.isEmpty());
    }

    private AuthResult verifyKey(String key) {
        Optional<ApiKeys.Owner> owner;
        try {
            owner = database.query(c -> ApiKeys.byHash(c, Tokens.sha256(key)));
        } catch (StoreUnavailableException e) {
            return AuthResult.refused(AuthError.UNAVAILABLE, "cannot check API keys now: " + e.getMessage());
        } catch (SQLException e) {
            LOG.warning("Checking an API key failed: " + e.getMessage());
            return AuthResult.refused(AuthError.UNAVAILABLE, "cannot check API keys now: the database failed");
        }
        if (owner.isEmpty()) {
            return AuthResult.refused(AuthError.UNKNOWN_KEY, "unknown API key (" + Tokens.shownPrefix(key) + "…)");
        }
        ApiKeys.Owner o = owner.get();
        if (o.revokedAt().isPresent()) {
            return AuthResult.refused(AuthError.REVOKED_KEY, "this API key (" + Tokens.shownPrefix(key)
                    + "…) was revoked at " + o.revokedAt().get());
        }
        if (o.policy().expiresAt().filter(at -> !at.isAfter(clock.instant())).isPresent()) {
            return AuthResult.refused(AuthError.EXPIRED_KEY, "this API key (" + Tokens.shownPrefix(key)
                    + "…) expired at " + o.policy().expiresAt().get());
        }
        if (o.disabled()) {
            return AuthResult.refused(AuthError.DISABLED_ACCOUNT, "the account of this API key is disabled");
        }
        touch(o.keyId());
        return AuthResult.accepted(new Principal(o.userId(), o.username(), o.role(), Optional.of(o.keyId()),
                o.policy().expiresAt().orElse(Instant.MAX), o.policy()));
    }

    /** Records when a key was last used, at most once a minute per key, off the request thread. */
    private void touch(long keyId) {
        Instant now = clock.instant();
        Instant last = lastTouched.get(keyId);
        if (last != null && last.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        lastTouched.put(keyId, now);
        Thread.ofVirtual().start(() -> {
            try {
                database.query(c -> {
                    ApiKeys.touch(c, keyId);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                lastTouched.remove(keyId);
            }
        });
    }

    private static String stripBearer(String value) {
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).strip();
        }
        return value;
    }
}
