package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per subject (a user across all their keys and tokens, an API key with its own limit,
 * a client address), in fixed one-minute windows.
 * The counts live in Redis ({@code INCR} + {@code PEXPIRE} in one script), so every gateway instance on
 * that Redis shares them; while Redis is down each instance counts on its own, in memory.
 */
public final class RateLimiter {

    /** The outcome of one request: allowed or not, the limit, what is left, and when to retry when refused. */
    public record Decision(boolean allowed, int limit, long remaining, Duration retryAfter, String scope) {

        Decision(boolean allowed, int limit, long remaining, Duration retryAfter) {
            this(allowed, limit, remaining, retryAfter, "");
        }

        /** {@code Retry-After} in whole seconds, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private static final String SCRIPT = "local c = redis.call('INCR', KEYS[1]) "
            + "if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
    private static final long WINDOW_MILLIS = 60_000;

    private final Cache cache;
    private final Clock clock;
    private final int defaultPerMinute;
    private final Map<String, long[]> local = new ConcurrentHashMap<>();

    public RateLimiter(Cache cache, Clock clock, int defaultPerMinute) {
        this.cache = cache;
        this.clock = clock;
        this.defaultPerMinute = defaultPerMinute;
    }

    /**
     * Counts one request of a principal: against {@code RATE_LIMIT_PER_MINUTE} for the user (shared by all
     * their keys and tokens) and, when the request used an API key with its own requests-per-minute,
     * against that too. The answer is the refusal when either refuses, else the tighter of the two.
     */
    public Decision tryAcquire(Principal p) {
        Decision user = withScope(tryAcquire(p.userSubject()), "for this user (all keys together)");
        if (p.apiKeyId().isEmpty() || p.policy().requestsPerMinute().isEmpty()) {
            return user;
        }
        Decision key = withScope(tryAcquire("key:" + p.apiKeyId().get(), p.policy().requestsPerMinute().getAsInt()),
                "for this API key");
        if (!user.allowed() || !key.allowed()) {
            return !key.allowed() ? key : user;
        }
        return key.remaining() < user.remaining() || user.limit() <= 0 ? key : user;
    }

    private static Decision withScope(Decision d, String scope) {
        return new Decision(d.allowed(), d.limit(), d.remaining(), d.retryAfter(), scope);
    }

    /** Counts one request of the subject against {@code RATE_LIMIT_PER_MINUTE}. */
    public Decision tryAcquire(String subject) {
        return tryAcquire(subject, defaultPerMinute);
    }

    /** Counts one request against the given limit; a limit of 0 or less means unlimited. */
    public Decision tryAcquire(String subject, int perMinute) {
        if (perMinute <= 0) {
            return new Decision(true, 0, Long.MAX_VALUE, Duration.ZERO);
        }
        long now = clock.millis();
        long window = now / WINDOW_MILLIS;
        long windowEnd = (window + 1) * WINDOW_MILLIS;
        String key = "ollamamax:rl:" + subject + ":" + window;
        Optional<Long> shared = cache.call(j -> (Long) j.eval(SCRIPT, List.of(key),
                List.of(Long.toString(windowEnd - now + 1000))));
        long count = shared.orElseGet(() -> countLocally(key, window));
        Duration retry = Duration.ofMillis(windowEnd - now);
        return new Decision(count <= perMinute, perMinute, Math.max(0, perMinute - count), retry);
    }

    private long countLocally(String key, long window) {
        if (local.size() > 10_000) {
            local.values().removeIf(v -> v[0] < window);
        }
        long[] slot = local.compute(key, (k, v) -> v == null ? new long[] {window, 1} : new long[] {window, v[1] + 1});
        return slot[1];
    }
}
