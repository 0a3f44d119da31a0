package dev.ollamamax.ui.app;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;

/**
 * Startup milestones measured from the start of the process (not of the JVM: the JVM's own start counts),
 * as {@code scripts/bench-window.sh} reads them from the log.
 */
public final class StartupTimes {

    private StartupTimes() {
    }

    /** Milliseconds since this process started (since the JVM started where the OS does not say). */
    public static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElseGet(() -> java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Calls {@code then} once, with {@link #sinceProcessStart()}, when {@code list} first has items. */
    public static <T> void afterFirstItems(ObservableList<T> list, LongConsumer then) {
        ListChangeListener<T> once = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends T> change) {
                if (!list.isEmpty()) {
                    list.removeListener(this);
                    then.accept(sinceProcessStart());
                }
            }
        };
        list.addListener(once);
    }

    /** Calls {@code then} once, with {@link #sinceProcessStart()}, after the scene's first layout pulse (its first paint). */
    public static void afterFirstPulse(Scene scene, LongConsumer then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            then.accept(sinceProcessStart());
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
