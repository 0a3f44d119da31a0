package dev.ollamamax.server.usage;

import java.time.Instant;
import java.util.Optional;

/**
 * One finished (or failed, or cancelled, or cached) request: who, with which key, which model on which node,
 * on which listener and endpoint, the node's own token counts, time to first token and total duration.
 * {@code errorKind} is set only when {@code outcome} is {@link Outcome#ERROR} (e.g. {@code upstream_error}).
 */
public record UsageEvent(Instant at, long userId, Optional<Long> apiKeyId, String endpoint, String model,
                         String node, String listener, long promptTokens, long completionTokens,
                         Optional<Long> ttftMillis, long durationMillis, Outcome outcome, Optional<String> errorKind) {

    /** How a request ended. */
    public enum Outcome {
        OK, ERROR, CANCELLED, CACHED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public UsageEvent {
        model = model == null ? "" : model;
        node = node == null ? "" : node;
    }

    /** The subject tokens-per-minute are counted under: the key when one was used, else the user. */
    String subject() {
        return apiKeyId.map(id -> "key:" + id).orElse("user:" + userId);
    }
}
