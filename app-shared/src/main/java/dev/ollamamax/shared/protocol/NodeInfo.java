package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A node as chat clients see it. {@code status} is {@code up}, {@code down}, {@code unknown} (not probed
 * yet) or {@code draining}; {@code latencyMs} is null until a probe has measured it.
 */
public record NodeInfo(String id, String name, String url, String status, List<String> models,
                       @JsonProperty("in_flight") int inFlight, @JsonProperty("latency_ms") Long latencyMs) {
}
