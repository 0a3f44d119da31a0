package dev.ollamamax.shared.runtime;

import java.time.Duration;

/**
 * Exponential restart delays: {@code initial}, doubled for every further attempt, never above {@code max}
 * (1 s, 2 s, 4 s … 30 s by default, like pm2 or process-compose). Stateless: the caller counts attempts.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay before restart attempt {@code attempt} (0 for the first). */
    public Duration delay(int attempt) {
        if (attempt >= 31) {
            return max;
        }
        long millis = initial.toMillis() << Math.max(0, attempt);
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
