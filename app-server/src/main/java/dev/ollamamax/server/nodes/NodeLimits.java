package dev.ollamamax.server.nodes;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.time.Duration;

/**
 * How much the gateway reads from a node and how long it waits: a node that breaks a limit has its
 * connection closed and is cooled down; the client gets a 502 in its own protocol.
 *
 * @param maxHeaderLineBytes longest status, header or chunk-size line
 * @param maxHeaders         most header (or trailer) lines in one answer
 * @param maxLineBytes       longest NDJSON line
 * @param maxBodyBytes       largest non-streamed body read whole
 * @param maxInterim         most interim {@code 1xx} answers before the real one
 * @param connectTimeout     TCP (and TLS) connect
 * @param firstByteTimeout   from the request until the status line and headers are complete
 * @param idleTimeout        longest silence while a body is read
 */
public record NodeLimits(int maxHeaderLineBytes, int maxHeaders, int maxLineBytes, long maxBodyBytes, int maxInterim,
                         Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout) {

    static final int MAX_INTERIM = 3;

    /** The limits the configuration sets. */
    public static NodeLimits of(Config config) {
        return new NodeLimits(config.getInt(Setting.NODE_MAX_HEADER_BYTES), config.getInt(Setting.NODE_MAX_HEADERS),
                config.getInt(Setting.NODE_MAX_LINE_BYTES), config.getLong(Setting.NODE_MAX_BODY_BYTES), MAX_INTERIM,
                Duration.ofMillis(config.getLong(Setting.UPSTREAM_CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(Setting.NODE_FIRST_BYTE_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(Setting.STREAM_IDLE_TIMEOUT_MS)));
    }

    /** The built-in defaults. */
    public static NodeLimits defaults() {
        return of(Config.defaults());
    }

    int idleMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, idleTimeout.toMillis()));
    }
}
