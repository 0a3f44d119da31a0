package dev.ollamamax.server.auth;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.store.StoreUnavailableException;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Auth for the whole gateway: the filter (CORS, credentials, rate limits) on every listener, the
 * {@code /auth} endpoints on the primary listener, and the services other features call:
 * {@link #authenticator()}, {@link #rateLimiter()}.
 */
public final class AuthFeature implements GatewayFeature {

    private final GatewayContext context;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Cors cors;
    private final boolean enabled;
    private final AtomicReference<Principal> local = new AtomicReference<>();
    private final AccessTokens tokens;

    public AuthFeature(GatewayContext context, StoreFeature store) {
        this.context = context;
        Config config = context.config();
        Duration accessTtl = Duration.ofSeconds(config.getLong(Setting.JWT_TTL_SECONDS));
        this.tokens = new AccessTokens(JwtSecret.resolve(config, context.home()), accessTtl, context.clock());
        RevokedSessions revoked = new RevokedSessions(store.cache(), store.eventBus(), context.clock(), accessTtl);
        this.enabled = config.getBoolean(Setting.AUTH_ENABLED);
        this.accounts = new Accounts(store.database());
        this.authenticator = new Authenticator(tokens, revoked, store.database(), context.clock());
        this.rateLimiter = new RateLimiter(store.cache(), context.clock(), config.getInt(Setting.RATE_LIMIT_PER_MINUTE));
        this.sessions = new Sessions(store.database(), accounts, tokens, revoked,
                Duration.ofSeconds(config.getLong(Setting.REFRESH_TTL_SECONDS)), context.clock());
        this.cors = new Cors(config.getList(Setting.CORS_ORIGINS));
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        routing.addFilter(new AuthFilter(authenticator, rateLimiter, cors, enabled, this::localPrincipal,
                context.json(), context.meters()));
        if (listener == Listener.PRIMARY) {
            routing.register("/auth", new AuthRoutes(accounts, sessions, rateLimiter,
                    context.config().getInt(Setting.LOGIN_RATE_LIMIT_PER_MINUTE),
                    context.config().getBoolean(Setting.ALLOW_REGISTRATION), context.json()));
        }
    }

    /** Whether {@code /v1} and {@code /api} require a credential ({@code AUTH_ENABLED}). */
    public boolean enabled() {
        return enabled;
    }

    /** Checks JWTs and API keys; the WebSocket chat uses it on {@code /chat}. */
    public Authenticator authenticator() {
        return authenticator;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public Accounts accounts() {
        return accounts;
    }

    /**
     * Who requests are attributed to while auth is off: the reserved {@code (local)} account, created on
     * first use. Empty while the database is unavailable.
     */
    public Optional<Principal> localPrincipal() {
        Principal p = local.get();
        if (p != null) {
            return Optional.of(p);
        }
        try {
            User u = accounts.localUser();
            Principal created = new Principal(u.id(), u.username(), u.role(), Optional.empty(), Instant.MAX);
            local.compareAndSet(null, created);
            return Optional.of(created);
        } catch (StoreUnavailableException | SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * An access token for the {@code (local)} admin account, for the desktop app that embeds this gateway
     * (in-process only: it is never served over HTTP). Empty while the database is unavailable. It expires
     * after {@code JWT_TTL_SECONDS}; ask again for a new one.
     */
    public Optional<String> localAccessToken() {
        return localPrincipal().map(p -> tokens.issue(p.userId(), p.username(), p.role(), java.util.UUID.randomUUID()).token());
    }

}
