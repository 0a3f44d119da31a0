package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs before every route on every listener: CORS (preflights answered here, other origins refused),
 * then a credential on {@code /v1} and {@code /api} (unless {@code AUTH_ENABLED=false}) and on the
 * account endpoints of {@code /auth}, then the role and key-scope check ({@link Permissions}; refusals are
 * 403 in the caller's protocol and audited), then the rate limits on {@code /v1} and {@code /api}: one per
 * user across all their keys and tokens, and the key's own when it has one. The accepted
 * {@link Principal} is registered in the request context.
 */
final class AuthFilter implements Filter {

    /** OPEN: no credential looked at; OPTIONAL: a valid one is noted, none or a bad one is no refusal. */
    enum Guard { OPEN, OPTIONAL, API, ACCOUNT }

    private final Authenticator authenticator;
    private final Accounts accounts;
    private final RateLimiter limiter;
    private final Cors cors;
    private final boolean authEnabled;
    private final Supplier<Optional<Principal>> localPrincipal;
    private final Supplier<TokenMeter> tokens;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Counter rejected;

    AuthFilter(Authenticator authenticator, Accounts accounts, RateLimiter limiter, Cors cors, boolean authEnabled,
               Supplier<Optional<Principal>> localPrincipal, Supplier<TokenMeter> tokens, ObjectMapper json,
               MeterRegistry meters) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.limiter = limiter;
        this.cors = cors;
        this.authEnabled = authEnabled;
        this.localPrincipal = localPrincipal;
        this.tokens = tokens;
        this.json = json;
        this.meters = meters;
        this.rejected = Counter.builder("ollamamax.ratelimit.rejected")
                .description("Requests refused by the per-key rate limit").register(meters);
    }

    static Guard guard(String path) {
        if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/api") || path.startsWith("/api/")) {
            return Guard.API;
        }
        if (path.equals("/auth/me") || path.equals("/auth/change-password") || path.equals("/auth/usage") || path.startsWith("/auth/usage/")
                || path.equals("/auth/keys") || path.startsWith("/auth/keys/")
                || path.equals("/auth/users") || path.startsWith("/auth/users/")) {
            return Guard.ACCOUNT;
        }
        if (path.equals("/health/ready")) {
            return Guard.OPTIONAL;
        }
        return Guard.OPEN;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !handleCors(origin.get(), path, req, res)) {
            return;
        }
        Guard guard = guard(path);
        if (guard == Guard.OPEN) {
            chain.proceed();
            return;
        }
        if (guard == Guard.OPTIONAL) {
            Authenticator.credential(req.headers()).flatMap(authenticator::authenticate)
                    .or(() -> authEnabled ? Optional.empty() : localPrincipal.get())
                    .ifPresent(p -> req.context().register(p));
            chain.proceed();
            return;
        }
        Optional<String> credential = Authenticator.credential(req.headers());
        Optional<Principal> principal;
        if (guard == Guard.API && !authEnabled) {
            principal = credential.flatMap(authenticator::authenticate).or(localPrincipal);
        } else {
            AuthResult result = authenticator.verify(credential.orElse(""));
            if (!result.ok()) {
                AuthError error = result.error().orElseThrow();
                Counter.builder("ollamamax.auth.failures").description("Refused credentials, by reason")
                        .tag("reason", error.reason()).register(meters).increment();
                if (error.status() == 401) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ollamamax\"");
                }
                Replies.error(res, json, path, error.status(), result.message());
                return;
            }
            principal = result.principal();
        }
        principal.ifPresent(p -> req.context().register(p));
        if (principal.isPresent() && !authorized(principal.get(), req.prologue().method().text(), path, res)) {
            return;
        }
        // limits are per user and key; with auth off there are none (local tinkering), so nothing to count
        if (guard == Guard.API && authEnabled) {
            RateLimiter.Decision d = principal.map(limiter::tryAcquire)
                    .orElseGet(() -> limiter.tryAcquire("ip:" + req.remotePeer().host()));
            if (d.limit() > 0) {
                res.header("X-RateLimit-Limit-Requests", Integer.toString(d.limit()));
                res.header("X-RateLimit-Remaining-Requests", Long.toString(d.remaining()));
            }
            if (!d.allowed()) {
                rejected.increment();
                res.header(HeaderNames.RETRY_AFTER, Long.toString(d.retryAfterSeconds()));
                Replies.error(res, json, path, 429, "rate limit exceeded: " + d.limit() + " requests per minute"
                        + (d.scope().isEmpty() ? "" : " " + d.scope()) + "; retry in " + d.retryAfterSeconds() + " s");
                return;
            }
            if (principal.isPresent() && req.prologue().method().equals(Method.POST) && overTokenLimit(principal.get(), path, res)) {
                return;
            }
        }
        chain.proceed();
    }

    /**
     * A key with {@code tokens_per_minute} that used that many in the last minute (as usage counted them, about a
     * second behind) is refused new requests with a 429 until enough of them fall out of the window.
     */
    private boolean overTokenLimit(Principal p, String path, RoutingResponse res) {
        if (p.apiKeyId().isEmpty() || p.policy().tokensPerMinute().isEmpty()) {
            return false;
        }
        int limit = p.policy().tokensPerMinute().getAsInt();
        long used = tokens.get().tokensLastMinute(p.userId(), p.apiKeyId());
        if (used < limit) {
            return false;
        }
        rejected.increment();
        res.header(HeaderNames.RETRY_AFTER, "60");
        Replies.error(res, json, path, 429, "token limit exceeded: this API key may use " + limit
                + " tokens per minute and used " + used + " in the last minute; retry in up to 60 s");
        return true;
    }

    /**
     * The role and key-scope check: false (and a 403 that names what is missing, audited) when the principal
     * may not do this.
     */
    private boolean authorized(Principal p, String method, String path, RoutingResponse res) {
        Optional<String> refusal = Permissions.adminOnly(method, path).filter(rule -> !p.isAdmin())
                .map(rule -> Permissions.refusal(rule, p));
        if (refusal.isEmpty() && p.apiKeyId().isPresent() && !p.policy().has(KeyPolicy.KEYS_SCOPE)
                && (path.equals("/auth/keys") || path.startsWith("/auth/keys/"))) {
            refusal = Optional.of("managing API keys with an API key requires the 'keys' scope; this key does "
                    + "not have it (sign in with a password, or use a key created with \"scopes\": [\"keys\"])");
        }
        if (refusal.isEmpty()) {
            return true;
        }
        Counter.builder("ollamamax.auth.forbidden").description("Requests refused for a missing role or key scope")
                .register(meters).increment();
        accounts.auditRefusal(p, method, path, refusal.get());
        Replies.error(res, json, path, 403, refusal.get());
        return false;
    }

    /** False when the request was answered here (a preflight, or an origin that is not allowed). */
    private boolean handleCors(String origin, String path, RoutingRequest req, RoutingResponse res) {
        boolean preflight = req.prologue().method().equals(Method.OPTIONS)
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!cors.allows(origin, req.headers().first(HeaderNames.HOST))) {
            Replies.error(res, json, path, 403, "origin " + origin + " is not allowed; add it to CORS_ORIGINS");
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        res.header(HeaderNames.VARY, "Origin");
        if (preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, Cors.ALLOW_METHODS);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                    Cors.allowHeaders(req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, Cors.MAX_AGE_SECONDS);
            res.status(io.helidon.http.Status.NO_CONTENT_204).send();
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS,
                "Retry-After, X-RateLimit-Limit-Requests, X-RateLimit-Remaining-Requests");
        return true;
    }
}
