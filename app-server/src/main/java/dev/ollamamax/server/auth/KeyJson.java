package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.nodes.ModelNames;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The JSON of {@code /auth/keys}: reading what a new key may do ({@code scopes}, {@code models},
 * {@code requests_per_minute}, {@code tokens_per_minute}, {@code expires_at}) and writing a key as listed.
 */
final class KeyJson {

    private static final int MAX_MODELS = 100;

    private KeyJson() {
    }

    /** The policy a create request asks for; a wrong field is a 400 that names it. */
    static KeyPolicy policy(JsonNode body, Clock clock) {
        Set<String> scopes = new LinkedHashSet<>(strings(body, "scopes"));
        for (String s : scopes) {
            if (!KeyPolicy.KNOWN_SCOPES.contains(s)) {
                throw new AuthException(400, "unknown scope '" + s + "'; known scopes: " + KeyPolicy.KNOWN_SCOPES);
            }
        }
        List<String> models = strings(body, "models").stream().map(String::strip).filter(m -> !m.isEmpty())
                .map(ModelNames::normalize).distinct().toList();
        if (models.size() > MAX_MODELS) {
            throw new AuthException(400, "a key may list at most " + MAX_MODELS + " models");
        }
        Optional<Instant> expires = Optional.ofNullable(body.get("expires_at")).filter(v -> !v.isNull()).map(v -> {
            try {
                return Instant.parse(v.asText());
            } catch (DateTimeParseException e) {
                throw new AuthException(400, "expires_at must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        });
        if (expires.isPresent() && !expires.get().isAfter(clock.instant())) {
            throw new AuthException(400, "expires_at must be in the future");
        }
        return new KeyPolicy(scopes, models, positive(body, "requests_per_minute"), positive(body, "tokens_per_minute"),
                expires);
    }

    /**
     * A key created with another key gets no more than that key has: its models within the creator's, its
     * expiry no later, its limits no higher.
     */
    static void withinCreator(KeyPolicy wanted, KeyPolicy creator) {
        if (!creator.models().isEmpty() && (wanted.models().isEmpty()
                || !wanted.models().stream().allMatch(creator::allowsModel))) {
            throw new AuthException(403, "a key created with this API key may only use its models: "
                    + String.join(", ", creator.models()));
        }
        if (creator.expiresAt().isPresent() && wanted.expiresAt().map(w -> w.isAfter(creator.expiresAt().get())).orElse(true)) {
            throw new AuthException(403, "a key created with this API key must expire no later than it: "
                    + creator.expiresAt().get());
        }
        if (higher(wanted.requestsPerMinute(), creator.requestsPerMinute())
                || higher(wanted.tokensPerMinute(), creator.tokensPerMinute())) {
            throw new AuthException(403, "a key created with this API key may not have higher limits than it");
        }
    }

    static Map<String, Object> view(ApiKeyInfo k) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", k.id());
        body.put("name", k.name());
        body.put("prefix", k.prefix());
        body.put("scopes", k.policy().scopes().stream().sorted().toList());
        body.put("models", k.policy().models());
        body.put("requests_per_minute", k.policy().requestsPerMinute().isPresent() ? k.policy().requestsPerMinute().getAsInt() : null);
        body.put("tokens_per_minute", k.policy().tokensPerMinute().isPresent() ? k.policy().tokensPerMinute().getAsInt() : null);
        body.put("expires_at", k.policy().expiresAt().map(Object::toString).orElse(null));
        body.put("created_at", k.createdAt().toString());
        body.put("last_used_at", k.lastUsedAt().map(Object::toString).orElse(null));
        body.put("revoked_at", k.revokedAt().map(Object::toString).orElse(null));
        return body;
    }

    private static boolean higher(OptionalInt wanted, OptionalInt limit) {
        return limit.isPresent() && (wanted.isEmpty() || wanted.getAsInt() > limit.getAsInt());
    }

    private static OptionalInt positive(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > Integer.MAX_VALUE) {
            throw new AuthException(400, field + " must be a positive whole number or null");
        }
        return OptionalInt.of(v.asInt());
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new AuthException(400, field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new AuthException(400, field + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
