package dev.ollamamax.server.chat;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.time.Duration;

/**
 * The limits of chat connections: bytes queued for a client that does not read, generations per user,
 * how long a connection may sit without a client message, how often its credential is checked again,
 * and how long a generation may be held back by a client that reads too slowly.
 */
record ChatLimits(long maxOutboundBytes, int maxGenerationsPerUser, Duration idleTimeout, Duration authRecheck,
                  Duration stallLimit) {

    static ChatLimits of(Config config) {
        return new ChatLimits(config.getLong(Setting.WS_MAX_OUTBOUND_BYTES),
                config.getInt(Setting.WS_MAX_CONCURRENT_GENERATIONS),
                Duration.ofMillis(config.getLong(Setting.WS_IDLE_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(Setting.WS_AUTH_RECHECK_MS)),
                // a client that has not taken a frame for three heartbeats is as good as dead
                Duration.ofMillis(3 * config.getLong(Setting.WS_HEARTBEAT_MS)));
    }
}
