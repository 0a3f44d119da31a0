package dev.ollamamax.shared.chatclient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of a {@link FallbackChatClient}.
 *
 * @param endpoints              tried in this order; the first is the preferred one
 * @param token                  JWT access token or API key, sent as {@code Authorization: Bearer}; empty when auth is off
 * @param connectTimeout         for the WebSocket handshake, and again for the server's {@code hello}
 * @param initialBackoff         pause after a round in which no endpoint answered; doubles each round
 * @param maxBackoff             the longest pause between rounds
 * @param preferredCheckInterval how often, while on another endpoint and idle, the preferred one is tried
 * @param pingAfter              silence after which the client sends a {@code ping}
 * @param deadAfter              silence after which the connection is given up and another is sought
 */
public record ChatClientOptions(List<URI> endpoints, Optional<String> token, Duration connectTimeout,
                                Duration initialBackoff, Duration maxBackoff, Duration preferredCheckInterval,
                                Duration pingAfter, Duration deadAfter) {

    public ChatClientOptions {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one chat endpoint is needed");
        }
        endpoints = List.copyOf(endpoints);
    }

    /** The three gateway listeners on this machine, 13100, 13101 and 13102. */
    public static List<URI> localEndpoints() {
        return localEndpoints(13100, 13101, 13102);
    }

    public static List<URI> localEndpoints(int... ports) {
        return java.util.Arrays.stream(ports).mapToObj(p -> URI.create("ws://127.0.0.1:" + p + "/chat")).toList();
    }

    /** The defaults: local endpoints, no token, 2 s connect timeout, backoff 100 ms doubling to 4 s. */
    public static ChatClientOptions defaults() {
        return of(localEndpoints());
    }

    public static ChatClientOptions of(List<URI> endpoints) {
        return new ChatClientOptions(endpoints, Optional.empty(), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    public ChatClientOptions withToken(String token) {
        return new ChatClientOptions(endpoints, Optional.of(token), connectTimeout, initialBackoff, maxBackoff,
                preferredCheckInterval, pingAfter, deadAfter);
    }

    public ChatClientOptions withConnectTimeout(Duration timeout) {
        return new ChatClientOptions(endpoints, token, timeout, initialBackoff, maxBackoff, preferredCheckInterval,
                pingAfter, deadAfter);
    }

    public ChatClientOptions withBackoff(Duration initial, Duration max) {
        return new ChatClientOptions(endpoints, token, connectTimeout, initial, max, preferredCheckInterval, pingAfter,
                deadAfter);
    }

    public ChatClientOptions withPreferredCheckInterval(Duration interval) {
        return new ChatClientOptions(endpoints, token, connectTimeout, initialBackoff, maxBackoff, interval, pingAfter,
                deadAfter);
    }

    public ChatClientOptions withHeartbeat(Duration pingAfter, Duration deadAfter) {
        return new ChatClientOptions(endpoints, token, connectTimeout, initialBackoff, maxBackoff,
                preferredCheckInterval, pingAfter, deadAfter);
    }
}
