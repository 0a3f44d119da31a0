package dev.ollamamax.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/** Background work on virtual threads; results handed to the FX thread with {@link Platform#runLater}. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FxUiExecutor.class.getName());

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ui-work-", 0).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ui-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        if (workers.isShutdown()) {
            return; // closed with the window: a result still queued for the FX thread may ask for more work
        }
        try {
            execute(work, onDone, onError);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            LOG.fine("UI work dropped: the executor is closed");
        }
    }

    private <T> void execute(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        workers.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onDone.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public AutoCloseable repeat(Duration period, Runnable work) {
        var future = timer.scheduleWithFixedDelay(() -> workers.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Periodic UI refresh failed: " + e.getMessage(), e);
            }
        }), 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
