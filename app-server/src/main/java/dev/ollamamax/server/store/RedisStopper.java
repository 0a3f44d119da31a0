package dev.ollamamax.server.store;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Stops an embedded Redis whatever state it is in. A plain SIGTERM makes Redis save its data first; when it
 * cannot (its data folder was deleted), it refuses to exit and keeps running. Then {@code SHUTDOWN NOSAVE}
 * (authenticated), and when even that does not end it, SIGKILL. The log says which step ended it.
 */
final class RedisStopper {

    private static final Logger LOG = Logger.getLogger(RedisStopper.class.getName());

    /** How a stop ended. */
    enum Outcome { GRACEFUL, SHUTDOWN_NOSAVE, KILLED }

    private RedisStopper() {
    }

    static Outcome stop(ProcessHandle redis, int port, String password, Path dataDir, Duration grace,
                        Consumer<String> log) {
        if (!redis.isAlive()) {
            return Outcome.GRACEFUL;
        }
        if (Files.isDirectory(dataDir)) {
            redis.destroy();
            if (RunFile.awaitExit(redis, grace)) {
                return Outcome.GRACEFUL;
            }
            say(log, "Redis (process " + redis.pid() + ") did not stop on SIGTERM (it could not save its data);"
                    + " sending SHUTDOWN NOSAVE");
        } else {
            say(log, "The data folder of Redis (process " + redis.pid() + ") is gone, so it cannot save and would"
                    + " refuse SIGTERM; sending SHUTDOWN NOSAVE");
        }
        shutdownNoSave(port, password);
        if (RunFile.awaitExit(redis, Duration.ofSeconds(3))) {
            return Outcome.SHUTDOWN_NOSAVE;
        }
        say(log, "Redis (process " + redis.pid() + ") is still running after SHUTDOWN NOSAVE; killing it (SIGKILL)");
        redis.destroyForcibly();
        RunFile.awaitExit(redis, Duration.ofSeconds(5));
        return Outcome.KILLED;
    }

    private static void say(Consumer<String> log, String message) {
        LOG.warning(message);
        log.accept("[ollamamax] " + message);
    }

    /** {@code AUTH} then {@code SHUTDOWN NOSAVE} in the RESP protocol; errors are ignored (the kill follows). */
    private static void shutdownNoSave(int port, String password) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((command("AUTH", password) + command("SHUTDOWN", "NOSAVE")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.getInputStream().read(new byte[256]);
        } catch (IOException ignored) {
            // it closed the connection while exiting, or is not listening: the SIGKILL follows if needed
        }
    }

    private static String command(String... parts) {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            sb.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
        }
        return sb.toString();
    }
}
