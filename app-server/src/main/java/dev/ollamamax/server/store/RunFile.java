package dev.ollamamax.server.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Who runs an embedded server of a data folder: the gateway process that started it (owner), the server's
 * process and its port. Lets a second process on the same folder (the CLI while the desktop runs) use the
 * running server instead of starting another, and lets a new gateway stop a server left behind by one
 * that died.
 */
public record RunFile(long ownerPid, long serverPid, int port) {

    private static final Logger LOG = Logger.getLogger(RunFile.class.getName());

    static Optional<RunFile> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new RunFile(Long.parseLong(p.getProperty("owner-pid")),
                    Long.parseLong(p.getProperty("server-pid")), Integer.parseInt(p.getProperty("port"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("owner-pid", Long.toString(ownerPid));
        p.setProperty("server-pid", Long.toString(serverPid));
        p.setProperty("port", Integer.toString(port));
        try {
            Files.createDirectories(file.getParent());
            StringWriter out = new StringWriter();
            p.store(out, "embedded server of this data folder; written by the gateway that runs it");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("Cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** The server process, when it is alive and its command looks like {@code expectedCommand}. */
    Optional<ProcessHandle> liveServer(String expectedCommand) {
        return ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains(expectedCommand)).orElse(false));
    }

    /** Whether the process that started the server is still alive (it may be this one: then another part of it runs the server). */
    boolean ownerAlive() {
        return ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops a server: SIGTERM, then SIGKILL when it is still there after the grace period. False when it had to be killed. */
    static boolean terminate(ProcessHandle server, Duration grace) {
        server.destroy();
        if (!awaitExit(server, grace)) {
            server.destroyForcibly();
            awaitExit(server, Duration.ofSeconds(5));
            return false;
        }
        return true;
    }

    /** Waits for a process that may not be our child (so {@code onExit} would poll slowly); true when it is gone. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    /** The server PIDs recorded in a data folder's run files (the embedded PostgreSQL and Redis), for the {@code ports} command. */
    public static java.util.Set<Long> serverPids(Path home) {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (String name : java.util.List.of("postgres.properties", "redis.properties")) {
            read(home.resolve("run").resolve(name)).ifPresent(r -> pids.add(r.serverPid()));
        }
        return pids;
    }
}
