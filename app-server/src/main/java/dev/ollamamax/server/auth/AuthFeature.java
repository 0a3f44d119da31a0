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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Auth for the whole gateway: the filter (CORS, credentials, roles and key scopes, rate limits) on every
 * listener, the {@code /auth} endpoints (and the admins' {@code /auth/users}) on the primary listener, the
 * one-time setup token of a gateway without an admin, and the services other features call:
 * {@link #authenticator()}, {@link #rateLimiter()}, {@link #localAdminKey()}.
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
    private final UserAdmin userAdmin;
    private final SetupToken setupToken = new SetupToken();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile TokenMeter tokenMeter = TokenMeter.NONE;

    public AuthFeature(GatewayContext context, StoreFeature store) {
        this.context = context;
        Config config = context.config();
        Duration accessTtl = Duration.ofSeconds(config.getLong(Setting.JWT_TTL_SECONDS));
        this.tokens = new AccessTokens(JwtSecret.resolve(config, context.home()), accessTtl, context.clock());
        RevokedSessions revoked = new RevokedSessions(store.cache(), store.database(), store.eventBus(), context.clock(),
                accessTtl);
        this.enabled = config.getBoolean(Setting.AUTH_ENABLED);
        this.accounts = new Accounts(store.database());
        this.authenticator = new Authenticator(tokens, revoked, store.database(), context.clock());
        this.rateLimiter = new RateLimiter(store.cache(), context.clock(), config.getInt(Setting.RATE_LIMIT_PER_MINUTE));
        this.sessions = new Sessions(store.database(), accounts, tokens, revoked,
                Duration.ofSeconds(config.getLong(Setting.REFRESH_TTL_SECONDS)), context.clock());
        this.cors = new Cors(config.getList(Setting.CORS_ORIGINS));
        this.userAdmin = new UserAdmin(store.database(), sessions);
        if (enabled) {
            setupToken.announceWhenReady(store.database(), accounts, closed);
        }
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        routing.addFilter(new AuthFilter(authenticator, accounts, rateLimiter, cors, enabled, this::localPrincipal,
                () -> tokenMeter, context.json(), context.meters()));
        if (listener == Listener.PRIMARY) {
            routing.register("/auth/users", new UserRoutes(accounts, userAdmin, context.json()));
            routing.register("/auth", new AuthRoutes(accounts, sessions, rateLimiter,
                    context.config().getInt(Setting.LOGIN_RATE_LIMIT_PER_MINUTE),
                    context.config().getBoolean(Setting.ALLOW_REGISTRATION), setupToken, context.json()));
        }
    }

    /** Where keys' {@code tokens_per_minute} limits read the tokens used (usage accounting). */
    public void meterTokensWith(TokenMeter meter) {
        this.tokenMeter = meter;
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

    /**
     * The desktop's admin credential for the OS user: an API key of the local admin account, kept in
     * {@code <OLLAMAMAX_HOME>/local-admin.json} (owner-only; made on first call, reused while it works).
     * Empty while the database is unavailable.
     */
    public synchronized Optional<String> localAdminKey() {
        try {
            return Optional.of(new LocalAdminFile(context.home(), context.json()).ensure(accounts, authenticator));
        } catch (StoreUnavailableException | SQLException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The one-time setup token; package tests read it as an operator reads the log. */
    SetupToken setupToken() {
        return setupToken;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
