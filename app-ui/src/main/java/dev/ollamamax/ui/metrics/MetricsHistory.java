package dev.ollamamax.ui.metrics;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} samples (15 minutes at one a second), oldest first. Thread-safe. */
public final class MetricsHistory {

    public static final int FIFTEEN_MINUTES = 15 * 60;

    private final int capacity;
    private final ArrayDeque<MetricsSample> samples;

    public MetricsHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    public synchronized void add(MetricsSample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    public synchronized List<MetricsSample> all() {
        return List.copyOf(samples);
    }

    public synchronized int size() {
        return samples.size();
    }

    public int capacity() {
        return capacity;
    }
}
