package dev.ollamamax.server.process;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ways this process can end, made to stop its children: SIGTERM, SIGINT and {@code System.exit} run the
 * shutdown hooks registered with {@link #onExit}; an error the JVM cannot recover from (out of memory, a
 * linkage error) in any thread is logged and ends the process through {@code System.exit}, so the hooks run
 * too. What no hook sees (SIGKILL, the display going away) is covered by the {@link Watchdog} and, failing
 * that, by the next start reclaiming leftovers from the run files.
 */
public final class ExitPaths {

    private static final Logger LOG = Logger.getLogger(ExitPaths.class.getName());

    private ExitPaths() {
    }

    /** Logs every uncaught exception; a {@link VirtualMachineError} or {@link LinkageError} also exits (code 70). */
    public static void installUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.log(Level.SEVERE, "Uncaught in thread " + thread.getName() + ": " + e, e);
            if (e instanceof VirtualMachineError || e instanceof LinkageError) {
                LOG.severe("Exiting after an unrecoverable error; stopping the embedded servers first");
                Thread.ofPlatform().name("exit-after-error").start(() -> System.exit(70));
            }
        });
    }

    /** Runs {@code action} when the JVM shuts down (SIGTERM, SIGINT, {@code System.exit}); returns the hook for removal. */
    public static Thread onExit(String name, Runnable action) {
        Thread hook = new Thread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warning(name + " at exit failed: " + e);
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes a hook after the normal stop did its work; harmless while the JVM is already shutting down. */
    public static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // shutting down already, or never added
        }
    }
}
