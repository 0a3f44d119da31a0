package dev.ollamamax.server.usage;

import dev.ollamamax.server.store.Cache;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens (prompt + completion) per key or user in one-minute windows in Redis ({@code INCRBY}, expiring
 * after two minutes), shared by every instance on that Redis: the signal a tokens-per-minute limit reads.
 * The last minute is the current window plus the previous one weighted by how much of it still overlaps.
 */
final class TokenWindow {

    private static final long WINDOW_MILLIS = 60_000;
    static final String PREFIX = "ollamamax:tpm:";

    private final Cache cache;
    private final Clock clock;

    TokenWindow(Cache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** Adds the tokens of these events (on the writer thread; Redis down: they are not counted). */
    void add(List<UsageEvent> events) {
        Map<String, Long> bySubject = new HashMap<>();
        for (UsageEvent e : events) {
            long tokens = e.promptTokens() + e.completionTokens();
            if (tokens > 0 && e.outcome() != UsageEvent.Outcome.CACHED) {
                bySubject.merge(e.subject(), tokens, Long::sum);
                e.apiKeyId().ifPresent(k -> bySubject.merge("user:" + e.userId(), tokens, Long::sum));
            }
        }
        if (bySubject.isEmpty()) {
            return;
        }
        long window = clock.millis() / WINDOW_MILLIS;
        cache.call(j -> {
            try (var pipe = j.pipelined()) {
                bySubject.forEach((subject, tokens) -> {
                    String key = PREFIX + subject + ":" + window;
                    pipe.incrBy(key, tokens);
                    pipe.pexpire(key, 2 * WINDOW_MILLIS);
                });
                pipe.sync();
            }
            return null;
        });
    }

    long lastMinute(String subject) {
        long now = clock.millis();
        long window = now / WINDOW_MILLIS;
        double overlap = 1.0 - (double) (now % WINDOW_MILLIS) / WINDOW_MILLIS;
        return cache.call(j -> {
            List<String> v = j.mget(PREFIX + subject + ":" + window, PREFIX + subject + ":" + (window - 1));
            return parse(v.get(0)) + Math.round(parse(v.get(1)) * overlap);
        }).orElse(0L);
    }

    private static long parse(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
