package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a client can {@code subscribe} to. */
public enum Topic {
    /** {@code node_added}, {@code node_removed}, {@code node_update}. */
    NODES,
    /** {@code service_update}. */
    SERVICES,
    /** {@code metrics_update}, periodically. */
    METRICS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Topic> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
