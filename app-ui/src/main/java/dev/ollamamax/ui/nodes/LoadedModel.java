package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A model in a node's memory, as {@code /api/ps} reports it: its size, the part in VRAM (the rest is in RAM),
 * its context length, and when it unloads (centuries ahead for a model kept loaded with {@code keep_alive: -1}).
 */
public record LoadedModel(String name, long size, long sizeVram, int contextLength, Optional<Instant> expiresAt) {

    /** Further ahead than this, the node keeps the model until told otherwise. */
    private static final Duration FOREVER = Duration.ofDays(365L * 100);

    static LoadedModel of(JsonNode m) {
        Optional<Instant> expires;
        try {
            expires = m.hasNonNull("expires_at") ? Optional.of(Instant.parse(m.get("expires_at").asText())) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            expires = Optional.empty();
        }
        return new LoadedModel(m.path("name").asText(m.path("model").asText()), m.path("size").asLong(-1),
                m.path("size_vram").asLong(-1), m.path("context_length").asInt(0), expires);
    }

    /** The bytes held in system memory: what does not fit in VRAM. */
    public long ramBytes() {
        return size < 0 || sizeVram < 0 ? -1 : Math.max(0, size - sizeVram);
    }

    public boolean keptLoaded(Instant now) {
        return expiresAt.map(e -> e.isAfter(now.plus(FOREVER))).orElse(false);
    }

    /** "kept loaded", "unloads in 4 min 10 s", "unloading" or "–" when the node does not say. */
    public String untilUnload(Instant now) {
        if (expiresAt.isEmpty()) {
            return "–";
        }
        if (keptLoaded(now)) {
            return "kept loaded";
        }
        Duration left = Duration.between(now, expiresAt.get());
        if (left.isNegative() || left.isZero()) {
            return "unloading";
        }
        long s = left.toSeconds();
        if (s < 60) {
            return "unloads in " + s + " s";
        }
        if (s < 3600) {
            return "unloads in " + s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return "unloads in " + s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
