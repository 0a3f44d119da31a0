package dev.ollamamax.ui.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One API key as {@code GET /auth/keys} lists it; the secret itself is never listed. */
public record KeyRow(long id, String name, String prefix, List<String> scopes, List<String> models,
                     Optional<Integer> requestsPerMinute, Optional<Integer> tokensPerMinute, Optional<String> expiresAt,
                     String createdAt, Optional<String> lastUsedAt, Optional<String> revokedAt) {

    static KeyRow of(JsonNode k) {
        return new KeyRow(k.path("id").asLong(), k.path("name").asText(""), k.path("prefix").asText(""),
                texts(k.path("scopes")), texts(k.path("models")), number(k, "requests_per_minute"),
                number(k, "tokens_per_minute"), text(k, "expires_at"), k.path("created_at").asText(""),
                text(k, "last_used_at"), text(k, "revoked_at"));
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** "never", or the instant trimmed to the minute. */
    public String lastUsedText() {
        return lastUsedAt.map(KeyRow::minute).orElse("never");
    }

    /** What the key may use: "all models" or the list; scopes and limits appended. */
    public String limitsText() {
        List<String> parts = new ArrayList<>();
        parts.add(models.isEmpty() ? "all models" : String.join(", ", models));
        if (scopes.contains("keys")) {
            parts.add("manages keys");
        }
        requestsPerMinute.ifPresent(n -> parts.add(n + " req/min"));
        tokensPerMinute.ifPresent(n -> parts.add(n + " tok/min"));
        expiresAt.ifPresent(e -> parts.add("expires " + minute(e)));
        return String.join(" · ", parts);
    }

    static String minute(String instant) {
        String s = instant.replace('T', ' ');
        return s.length() > 16 ? s.substring(0, 16) : s;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<Integer> number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asInt());
    }
}
