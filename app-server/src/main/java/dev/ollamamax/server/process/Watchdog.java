package dev.ollamamax.server.process;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Ends a server process when this JVM dies in a way no shutdown hook sees (SIGKILL, the X display going away,
 * a crash). Java cannot ask the kernel for that ({@code prctl(PR_SET_PDEATHSIG)} is out of reach), so a tiny
 * {@code sh} keeps the read end of a pipe from this JVM: when the JVM is gone the pipe closes, {@code read}
 * returns, and it signals the server, then SIGKILLs it after 5 s if it is still there. {@link #close()}
 * disarms it (call it before stopping the server normally, so it never signals a PID that was reused).
 * Not available on Windows (no {@code sh}); there, the next start reclaims leftovers from the run files.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());
    private static final String SCRIPT = "read -r _ ; kill -s \"$1\" \"$2\" 2>/dev/null || exit 0; i=0; "
            + "while kill -0 \"$2\" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; "
            + "kill -s KILL \"$2\" 2>/dev/null; exit 0";

    /** Kept strongly: the pipe's write end must stay open exactly as long as this JVM lives. */
    private final Process sh;

    private Watchdog(Process sh) {
        this.sh = sh;
    }

    /**
     * Guards {@code pid}: when this JVM dies it gets {@code signal} (TERM, INT), and SIGKILL 5 s later.
     * Empty where no watchdog can run (Windows, no {@code sh}).
     */
    public static Optional<Watchdog> guard(long pid, String signal) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", SCRIPT, "ollamamax-watchdog", signal, Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(new Watchdog(p));
        } catch (IOException e) {
            LOG.warning("No watchdog for process " + pid + " (" + e.getMessage() + "); if this process is killed,"
                    + " the next start stops it");
            return Optional.empty();
        }
    }

    /** The watchdog's own process (tests). */
    long pid() {
        return sh.pid();
    }

    /** Disarms the watchdog: it exits without signalling anything. */
    @Override
    public void close() {
        sh.destroyForcibly();
        try {
            sh.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
