package dev.ollamamax.server.process;

import dev.ollamamax.shared.ports.ServiceId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service the panel can start, stop and restart: one gateway listener, the embedded PostgreSQL or
 * Redis, an {@code ollama serve} it launched. Implementations are thread-safe and idempotent; they
 * may block (callers in the desktop run them off the UI thread).
 */
public interface ManagedService {

    enum State { STOPPED, STARTING, RUNNING, STOPPING, CRASHED, RESTARTING }

    /** A unique, stable id (e.g. {@code gateway.primary}, {@code postgres}, {@code redis}, {@code ollama:11500}). */
    String id();

    /** A name for people ("PostgreSQL (embedded)"). */
    String displayName();

    /** The service of the plan this is, when it is one. */
    Optional<ServiceId> planned();

    State state();

    /** The port it listens on while running (may differ from the planned one when that was taken). */
    Optional<Integer> port();

    void start() throws Exception;

    void stop() throws Exception;

    default void restart() throws Exception {
        stop();
        start();
    }

    /** The operating-system process of the service while it runs, when it is a process of its own. */
    default Optional<Long> pid() {
        return Optional.empty();
    }

    /** Services that must run before this one (ids), for "Restart all" in dependency order. */
    default List<String> dependsOn() {
        return List.of();
    }

    /** The last lines of its log, oldest first. */
    List<String> recentLog();

    /** Follows the log: the listener gets each new line; returns a handle that stops following. */
    AutoCloseable followLog(Consumer<String> listener);

    /** A human-readable detail for the status column ("restarting in 4 s", "exit code 1"). */
    default String detail() {
        return "";
    }
}
