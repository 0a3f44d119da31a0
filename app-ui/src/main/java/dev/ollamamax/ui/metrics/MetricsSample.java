package dev.ollamamax.ui.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One second of the gateway, as measured by its own meters: rates over the interval since the previous
 * sample, latency percentiles of the requests that finished in it (empty when none did), and the in-flight
 * requests of each node at the moment of sampling.
 */
public record MetricsSample(Instant at, double requestsPerSecond, double errorsPerSecond, OptionalDouble p50Ms,
                            OptionalDouble p99Ms, double tokensPerSecond, Map<String, Double> inFlight) {

    public MetricsSample {
        inFlight = Map.copyOf(inFlight);
    }
}
