package dev.ollamamax.ui.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the gateway's cumulative meters into per-interval numbers (docs/metrics.md): requests/s and 5xx/s from
 * the counts of {@code ollamamax.http.requests}, p50/p99 from the differences of its histogram buckets since
 * the previous sample (linear inside a bucket, as Prometheus' {@code histogram_quantile} does), tokens/s from
 * {@code ollamamax.tokens.generated}, and {@code ollamamax.node.in_flight} per node. The first sample, and the
 * first after the registry changed (a restarted gateway), only sets the baseline. Not thread-safe.
 */
public final class MetricsSampler {

    static final String REQUESTS = "ollamamax.http.requests";
    static final String TOKENS = "ollamamax.tokens.generated";
    static final String NODE_IN_FLIGHT = "ollamamax.node.in_flight";

    private MeterRegistry registry;
    private long lastNanos;
    private double lastTokens;
    private final Map<Meter.Id, Long> lastCounts = new HashMap<>();
    private final Map<Meter.Id, Map<Double, Double>> lastBuckets = new HashMap<>();

    /** Reads the registry now; empty for a baseline sample. */
    public Optional<MetricsSample> sample(MeterRegistry meters, long nanos, Instant at) {
        boolean baseline = meters != registry;
        if (baseline) {
            registry = meters;
            lastCounts.clear();
            lastBuckets.clear();
        }
        double seconds = (nanos - lastNanos) / 1e9;
        lastNanos = nanos;

        long requests = 0;
        long errors = 0;
        TreeMap<Double, Double> bucketDeltas = new TreeMap<>();
        for (Timer timer : meters.find(REQUESTS).timers()) {
            HistogramSnapshot snap = timer.takeSnapshot();
            Meter.Id id = timer.getId();
            long count = snap.count();
            long delta = Math.max(0, count - lastCounts.getOrDefault(id, 0L));
            lastCounts.put(id, count);
            requests += delta;
            String status = id.getTag("status");
            if (status != null && status.startsWith("5")) {
                errors += delta;
            }
            Map<Double, Double> before = lastBuckets.getOrDefault(id, Map.of());
            Map<Double, Double> now = new HashMap<>();
            for (CountAtBucket b : snap.histogramCounts()) {
                double bound = b.bucket(TimeUnit.MILLISECONDS);
                now.put(bound, b.count());
                bucketDeltas.merge(bound, Math.max(0, b.count() - before.getOrDefault(bound, 0.0)), Double::sum);
            }
            lastBuckets.put(id, now);
        }
        double tokens = meters.find(TOKENS).counters().stream().mapToDouble(Counter::count).sum();
        double tokenDelta = tokens - lastTokens;
        lastTokens = tokens;
        if (baseline || seconds <= 0 || tokenDelta < 0) {
            return Optional.empty();
        }
        Map<String, Double> inFlight = new TreeMap<>();
        for (Gauge g : meters.find(NODE_IN_FLIGHT).gauges()) {
            double v = g.value();
            inFlight.put(Optional.ofNullable(g.getId().getTag("node")).orElse("?"), Double.isNaN(v) ? 0 : v);
        }
        return Optional.of(new MetricsSample(at, requests / seconds, errors / seconds,
                quantile(bucketDeltas, requests, 0.50), quantile(bucketDeltas, requests, 0.99),
                tokenDelta / seconds, inFlight));
    }

    /**
     * The q-quantile in ms of {@code total} observations whose cumulative counts per upper bound are given:
     * linear interpolation inside the bucket that holds the rank; the highest bound when the rank lies beyond it.
     */
    static OptionalDouble quantile(TreeMap<Double, Double> cumulative, long total, double q) {
        if (total <= 0 || cumulative.isEmpty()) {
            return OptionalDouble.empty();
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            double count = e.getValue();
            if (count >= rank && count > lowerCount) {
                double fraction = (rank - lowerCount) / (count - lowerCount);
                return OptionalDouble.of(lowerBound + (e.getKey() - lowerBound) * fraction);
            }
            lowerBound = e.getKey();
            lowerCount = count;
        }
        return OptionalDouble.of(cumulative.lastKey());
    }
}
