package dev.ollamamax.server.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generations running per user over all of their chat connections, up to {@code WS_MAX_CONCURRENT_GENERATIONS}. */
final class GenerationPermits {

    private final int max;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    GenerationPermits(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Takes a permit for the user; false when they already run {@link #max()} generations. */
    boolean tryAcquire(String user) {
        boolean[] granted = new boolean[1];
        running.compute(user, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return now;
            }
            granted[0] = true;
            return now + 1;
        });
        return granted[0];
    }

    void release(String user) {
        running.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }
}
