package dev.ollamamax.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rates and percentiles from a real Prometheus registry, registered the way the gateway registers its meters. */
class MetricsSamplerTest {

    static final long SECOND = 1_000_000_000L;

    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final MetricsSampler sampler = new MetricsSampler();

    Timer requests(String status) {
        return Timer.builder("ollamamax.http.requests").tag("route", "/api/chat").tag("method", "POST")
                .tag("status", status).tag("listener", "primary").publishPercentileHistogram().register(meters);
    }

    Counter tokens(String node) {
        return Counter.builder("ollamamax.tokens.generated").tag("node", node).tag("model", "llama3.2").register(meters);
    }

    @Test
    void theFirstSampleIsTheBaselineAndTheNextGivesRatesOverTheInterval() {
        requests("200").record(5, TimeUnit.MILLISECONDS);
        tokens("a").increment(1000);
        assertThat(sampler.sample(meters, 0, Instant.EPOCH)).isEmpty();

        for (int i = 0; i < 40; i++) {
            requests("200").record(10, TimeUnit.MILLISECONDS);
        }
        requests("503").record(2, TimeUnit.MILLISECONDS);
        requests("500").record(2, TimeUnit.MILLISECONDS);
        tokens("a").increment(300);
        tokens("b").increment(100);
        MetricsSample s = sampler.sample(meters, 2 * SECOND, Instant.ofEpochSecond(2)).orElseThrow();

        assertThat(s.requestsPerSecond()).isEqualTo(21.0);
        assertThat(s.errorsPerSecond()).isEqualTo(1.0);
        assertThat(s.tokensPerSecond()).isEqualTo(200.0);
        assertThat(s.at()).isEqualTo(Instant.ofEpochSecond(2));
    }

    @Test
    void percentilesComeFromTheBucketsOfTheLastIntervalOnly() {
        Timer t = requests("200");
        for (int i = 0; i < 1000; i++) {
            t.record(2, TimeUnit.SECONDS); // slow requests before the interval must not count
        }
        sampler.sample(meters, 0, Instant.EPOCH);
        for (int i = 0; i < 95; i++) {
            t.record(10, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 5; i++) {
            t.record(400, TimeUnit.MILLISECONDS);
        }

        MetricsSample s = sampler.sample(meters, SECOND, Instant.ofEpochSecond(1)).orElseThrow();

        // the histogram's buckets around 10 ms and 400 ms bound the interpolated values
        assertThat(s.p50Ms().getAsDouble()).isBetween(8.0, 11.2);
        assertThat(s.p99Ms().getAsDouble()).isBetween(357.0, 447.4);
        MetricsSample quiet = sampler.sample(meters, 2 * SECOND, Instant.ofEpochSecond(2)).orElseThrow();
        assertThat(quiet.requestsPerSecond()).isZero();
        assertThat(quiet.p50Ms()).isEmpty();
    }

    @Test
    void inFlightIsReadPerNode() {
        AtomicInteger a = new AtomicInteger(3);
        Gauge.builder("ollamamax.node.in_flight", a, AtomicInteger::get).tag("node", "10.0.0.5:11434").register(meters);
        Gauge.builder("ollamamax.node.in_flight", () -> 0).tag("node", "10.0.0.6:11434").register(meters);
        sampler.sample(meters, 0, Instant.EPOCH);

        MetricsSample s = sampler.sample(meters, SECOND, Instant.ofEpochSecond(1)).orElseThrow();

        assertThat(s.inFlight()).containsEntry("10.0.0.5:11434", 3.0).containsEntry("10.0.0.6:11434", 0.0);
    }

    @Test
    void anotherRegistryStartsOverWithABaseline() {
        sampler.sample(meters, 0, Instant.EPOCH);
        requests("200").record(1, TimeUnit.MILLISECONDS);
        assertThat(sampler.sample(meters, SECOND, Instant.ofEpochSecond(1))).isPresent();

        PrometheusMeterRegistry restarted = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        assertThat(sampler.sample(restarted, 2 * SECOND, Instant.ofEpochSecond(2))).isEmpty();
        assertThat(sampler.sample(restarted, 3 * SECOND, Instant.ofEpochSecond(3))).get()
                .extracting(MetricsSample::requestsPerSecond).isEqualTo(0.0);
    }

    @Test
    void quantilesInterpolateInsideTheBucketThatHoldsTheRank() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(10.0, 50.0);
        cumulative.put(20.0, 90.0);
        cumulative.put(40.0, 100.0);

        assertThat(MetricsSampler.quantile(cumulative, 100, 0.5).getAsDouble()).isEqualTo(10.0);
        assertThat(MetricsSampler.quantile(cumulative, 100, 0.7).getAsDouble()).isCloseTo(15.0, within(1e-9));
        assertThat(MetricsSampler.quantile(cumulative, 100, 0.99).getAsDouble()).isCloseTo(38.0, within(1e-9));
        assertThat(MetricsSampler.quantile(cumulative, 110, 0.99).getAsDouble()).isEqualTo(40.0);
        assertThat(MetricsSampler.quantile(cumulative, 0, 0.5)).isEmpty();
    }

    @Test
    void theHistoryKeepsTheLastFifteenMinutes() {
        MetricsHistory history = new MetricsHistory(MetricsHistory.FIFTEEN_MINUTES);
        for (int i = 0; i < 1000; i++) {
            history.add(new MetricsSample(Instant.ofEpochSecond(i), i, 0, java.util.OptionalDouble.empty(),
                    java.util.OptionalDouble.empty(), 0, java.util.Map.of()));
        }
        assertThat(history.size()).isEqualTo(900);
        assertThat(history.all().getFirst().at()).isEqualTo(Instant.ofEpochSecond(100));
        assertThat(history.all().getLast().at()).isEqualTo(Instant.ofEpochSecond(999));
    }
}
