package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.stack.Probe;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe on a scheduler: first after its initial delay, then every period. It passes after
 * {@code successThreshold} successes in a row and fails after {@code failureThreshold} failures in a row; the
 * listener hears each change once. Closing it stops the tries.
 */
final class ProbeLoop implements AutoCloseable {

    interface Listener {
        void passed();

        void failed(String why);
    }

    private final Probe probe;
    private final Path dir;
    private final Map<String, String> env;
    private final Listener listener;
    private ScheduledFuture<?> task;
    private int successes;
    private int failures;
    private Boolean passing;

    ProbeLoop(Probe probe, Path dir, Map<String, String> env, Listener listener) {
        this.probe = probe;
        this.dir = dir;
        this.env = env;
        this.listener = listener;
    }

    ProbeLoop start(ScheduledExecutorService scheduler) {
        task = scheduler.scheduleWithFixedDelay(this::tryOnce, probe.initialDelay().toMillis(),
                probe.period().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tryOnce() {
        Optional<String> failure;
        try {
            failure = ProbeCheck.run(probe.check(), probe.timeout(), dir, env);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (task != null && task.isCancelled()) {
            return;
        }
        if (failure.isEmpty()) {
            failures = 0;
            if (++successes >= probe.successThreshold() && !Boolean.TRUE.equals(passing)) {
                passing = true;
                listener.passed();
            }
        } else {
            successes = 0;
            if (++failures >= probe.failureThreshold() && !Boolean.FALSE.equals(passing)) {
                passing = false;
                listener.failed(failure.get() + " (" + failures + " times in a row)");
            }
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(true);
        }
    }
}
