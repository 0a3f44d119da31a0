package dev.ollamamax.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs everything on the calling thread, at once: for view-model tests without a toolkit. */
public final class SameThreadUiExecutor implements UiExecutor {

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        onDone.accept(result);
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    @Override
    public AutoCloseable repeat(Duration period, Runnable work) {
        return () -> { };
    }
}
