package dev.ollamamax.ui.common;

import java.time.Duration;

/**
 * Runs a refresh on the UI thread every period while a screen is shown: {@link #start()} from the
 * screen's {@code shown()}, {@link #stop()} from its {@code hidden()}. Idempotent both ways.
 */
public final class Poller {

    private final UiExecutor executor;
    private final Duration period;
    private final Runnable onUi;
    private AutoCloseable running;

    public Poller(UiExecutor executor, Duration period, Runnable onUi) {
        this.executor = executor;
        this.period = period;
        this.onUi = onUi;
    }

    public void start() {
        if (running == null) {
            running = executor.repeat(period, () -> executor.onUi(onUi));
        }
    }

    public void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception ignored) {
                // nothing to release
            }
            running = null;
        }
    }
}
