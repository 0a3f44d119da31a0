package dev.ollamamax.ui.metrics;

import dev.ollamamax.ui.common.UiExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Samples the running gateway's meters once a second off the UI thread, keeps 15 minutes of samples, and
 * hands each new one to the UI thread (the charts append it; the headline numbers show it). Sampling runs
 * from {@link #start()} to {@link #close()}, whether the screen is shown or not, so the history is there
 * when it is opened.
 */
public final class MetricsViewModel implements AutoCloseable {

    private final Supplier<Optional<MeterRegistry>> meters;
    private final UiExecutor executor;
    private final Clock clock;
    private final MetricsSampler sampler = new MetricsSampler();
    private final MetricsHistory history = new MetricsHistory(MetricsHistory.FIFTEEN_MINUTES);
    private final List<Consumer<MetricsSample>> listeners = new CopyOnWriteArrayList<>();
    private final ReadOnlyStringWrapper requests = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper("–");
    private AutoCloseable ticking = () -> { };

    public MetricsViewModel(Supplier<Optional<MeterRegistry>> meters, UiExecutor executor, Clock clock) {
        this.meters = meters;
        this.executor = executor;
        this.clock = clock;
    }

    public synchronized void start() {
        ticking = executor.repeat(Duration.ofSeconds(1), this::tick);
    }

    /** Takes one sample now (the timer calls this off the UI thread; tests call it themselves). */
    public void tick() {
        Optional<MetricsSample> sample;
        synchronized (sampler) {
            Optional<MeterRegistry> registry = meters.get();
            if (registry.isEmpty()) {
                return;
            }
            sample = sampler.sample(registry.get(), System.nanoTime(), clock.instant());
        }
        sample.ifPresent(s -> {
            history.add(s);
            executor.onUi(() -> show(s));
        });
    }

    private void show(MetricsSample s) {
        requests.set(format(s.requestsPerSecond()) + " req/s");
        latency.set(ms(s.p50Ms()) + " / " + ms(s.p99Ms()));
        tokens.set(format(s.tokensPerSecond()) + " tok/s");
        errors.set(format(s.errorsPerSecond()) + " /s");
        listeners.forEach(l -> l.accept(s));
    }

    static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ms(OptionalDouble v) {
        return v.isEmpty() ? "–" : v.getAsDouble() >= 100 ? String.format(Locale.ROOT, "%.0f ms", v.getAsDouble())
                : String.format(Locale.ROOT, "%.1f ms", v.getAsDouble());
    }

    /** Called on the UI thread with every new sample. */
    public void onSample(Consumer<MetricsSample> listener) {
        listeners.add(listener);
    }

    public MetricsHistory history() {
        return history;
    }

    /** Requests per second in the last second. */
    public ReadOnlyStringProperty requestsProperty() {
        return requests.getReadOnlyProperty();
    }

    /** "p50 / p99" of the requests of the last second. */
    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    /** 5xx answers per second. */
    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    @Override
    public synchronized void close() {
        try {
            ticking.close();
        } catch (Exception ignored) {
            // nothing to release
        }
    }
}
