package dev.ollamamax.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An opt-in ({@code CACHE_RESPONSES=true}) cache in Redis for answers to identical deterministic,
 * non-streamed requests. Callers decide what is cacheable (see {@link #isDeterministic}), build the key
 * with {@link #key}, and fall back to the node on a miss; while Redis is down every lookup misses.
 */
public final class ResponseCache {

    static final String PREFIX = "ollamamax:resp:";
    static final String MODEL_INDEX = "ollamamax:resp-model:";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Cache cache;
    private final boolean enabled;
    private final Duration ttl;

    public ResponseCache(Cache cache, boolean enabled, Duration ttl) {
        this.cache = cache;
        this.enabled = enabled;
        this.ttl = ttl;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The cached answer for the key; empty when disabled, missing or Redis is down. */
    public Optional<String> get(String key) {
        if (!enabled) {
            return Optional.empty();
        }
        return cache.call(j -> j.get(PREFIX + key));
    }

    /**
     * Stores an answer of {@code model} (its full name, {@code name:tag}) for the configured time, and notes
     * its key under the model so that {@link #invalidate} finds it; does nothing when disabled or Redis is down.
     */
    public void put(String model, String key, String value) {
        if (enabled) {
            long seconds = Math.max(1, ttl.toSeconds());
            String index = MODEL_INDEX + model;
            cache.call(j -> {
                j.setex(PREFIX + key, seconds, value);
                j.sadd(index, key);
                j.expire(index, seconds);
                return null;
            });
        }
    }

    /** Drops every cached answer of {@code model} (deleted, re-pulled or overwritten by a copy). */
    public void invalidate(String model) {
        String index = MODEL_INDEX + model;
        cache.call(j -> {
            java.util.Set<String> keys = j.smembers(index);
            if (!keys.isEmpty()) {
                j.del(keys.stream().map(k -> PREFIX + k).toArray(String[]::new));
            }
            j.del(index);
            return null;
        });
    }

    /**
     * A key for a request: SHA-256 of the scope (whose answers may be shared: one user), the route and the
     * request body with its object keys sorted, so two bodies that differ only in key order share an answer.
     * Example: {@code key("user:7", "/v1/chat/completions", body)}.
     */
    public static String key(String scope, String route, JsonNode request) {
        try {
            Object plain = CANONICAL.convertValue(request, Object.class);
            byte[] body = CANONICAL.writeValueAsBytes(plain);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(route.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the request asks for a reproducible answer: {@code temperature} 0 or a {@code seed}, at the
     * top level (OpenAI) or under {@code options} (Ollama). Streaming is for the caller to exclude.
     */
    public static boolean isDeterministic(JsonNode request) {
        return deterministicIn(request) || deterministicIn(request.path("options"));
    }

    private static boolean deterministicIn(JsonNode node) {
        JsonNode temperature = node.path("temperature");
        JsonNode seed = node.path("seed");
        return temperature.isNumber() && temperature.asDouble() == 0.0 || seed.isNumber();
    }
}
