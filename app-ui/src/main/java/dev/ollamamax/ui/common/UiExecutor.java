package dev.ollamamax.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Keeps the UI thread from waiting: work runs in the background, results come back on the UI thread.
 * View-models take one of these so tests can run everything on the calling thread
 * ({@link SameThreadUiExecutor}).
 */
public interface UiExecutor {

    /** Runs {@code work} in the background, then {@code onDone} or {@code onError} on the UI thread. */
    <T> void submit(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Runs {@code action} on the UI thread (later, unless already on it and the executor allows). */
    void onUi(Runnable action);

    /**
     * Runs {@code work} in the background every {@code period} until the handle is closed.
     * The same-thread executor does not repeat: tests call the work themselves.
     */
    AutoCloseable repeat(Duration period, Runnable work);

    /** Runs background work with no result, reporting a failure on the UI thread. */
    default void run(ThrowingRunnable work, Runnable onDone, Consumer<Throwable> onError) {
        submit(() -> {
            work.run();
            return Boolean.TRUE;
        }, ok -> onDone.run(), onError);
    }

    /** A {@link Runnable} that may throw, for blocking service calls. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
