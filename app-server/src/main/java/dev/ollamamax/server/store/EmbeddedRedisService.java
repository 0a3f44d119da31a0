package dev.ollamamax.server.store;

import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceId;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary bundled by {@code embedded-redis}) persisting to {@code <home>/redis}
 * (append-only file), on 127.0.0.1 only, on the planned port when free, with a random password kept in
 * {@code <home>/redis-password} (owner-only). The password is passed in a config file, never on the
 * command line where other users could read it. {@link #stop()} never waits for a start in progress: it
 * cancels it. A Redis that refuses to stop is stopped anyway ({@link RedisStopper}).
 */
public final class EmbeddedRedisService implements ManagedService {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedisService.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path dataDir;
    private final Path runFile;
    private final int preferredPort;
    private final LogBuffer log = new LogBuffer(1000);
    private final List<Consumer<RedisEndpoint>> runningListeners = new CopyOnWriteArrayList<>();

    private volatile State state = State.STOPPED;
    private volatile String detail = "";
    private volatile Optional<Integer> port = Optional.empty();
    private volatile Optional<ProcessHandle> server = Optional.empty();
    private volatile boolean stopping;
    private volatile boolean cancelled;
    private volatile Thread starting;
    private volatile String reclaimed = "";
    private final java.util.concurrent.locks.ReentrantLock startLock = new java.util.concurrent.locks.ReentrantLock();
    private volatile Process process;
    private volatile Optional<dev.ollamamax.server.process.Watchdog> watchdog = Optional.empty();
    private File binary;
    private int lastPort;

    public EmbeddedRedisService(Path home, int preferredPort) {
        this.home = home;
        this.dataDir = home.resolve("redis");
        this.runFile = home.resolve("run").resolve("redis.properties");
        this.preferredPort = preferredPort;
    }

    @Override
    public String id() {
        return "redis";
    }

    @Override
    public String displayName() {
        return "Redis (embedded)";
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.of(ServiceId.REDIS);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Integer> port() {
        return port;
    }

    @Override
    public String detail() {
        return detail;
    }

    public Optional<Long> pid() {
        return server.filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** Where to connect while it runs. */
    public Optional<RedisEndpoint> endpoint() {
        return port.map(p -> RedisEndpoint.local(p, password()));
    }

    /** Called with the endpoint each time the server comes up. */
    public void onRunning(Consumer<RedisEndpoint> listener) {
        runningListeners.add(listener);
    }

    @Override
    public void start() throws Exception {
        startLock.lockInterruptibly();
        try {
            if (state == State.RUNNING) {
                return;
            }
            cancelled = false;
            starting = Thread.currentThread();
            detail = "starting";
            state = State.STARTING;
            try {
                if (!attachOrClearLeftovers()) {
                    try {
                        launch(FreePort.choose(lastPort, preferredPort));
                    } catch (PortTakenException e) {
                        launch(FreePort.choose());
                    }
                }
                if (cancelled) {
                    throw new InterruptedException("the start of Redis was cancelled (the gateway is stopping)");
                }
            } catch (Exception e) {
                detail = cancelled ? "start cancelled" : "could not start: " + e.getMessage();
                state = cancelled ? State.STOPPED : State.CRASHED;
                endProcess();
                throw e;
            } finally {
                starting = null;
            }
            state = State.RUNNING;
        } finally {
            startLock.unlock();
        }
        endpoint().ifPresent(ep -> runningListeners.forEach(l -> l.accept(ep)));
    }

    private boolean attachOrClearLeftovers() {
        Optional<RunFile> run = RunFile.read(runFile);
        Optional<ProcessHandle> live = run.flatMap(r -> r.liveServer("redis-server"));
        if (live.isEmpty()) {
            RunFile.delete(runFile);
            return false;
        }
        if (run.get().ownerAlive() && !FreePort.isFree(run.get().port())) {
            port = Optional.of(run.get().port());
            server = live;
            detail = "run by process " + run.get().ownerPid() + " (same data folder)";
            return true;
        }
        long leftover = live.get().pid();
        LOG.warning(() -> "Stopping the embedded Redis (process " + leftover
                + ") left running by a gateway that is gone, before choosing a port");
        RedisStopper.Outcome how = RedisStopper.stop(live.get(), run.get().port(), password(), dataDir,
                Duration.ofSeconds(5), log::append);
        reclaimed = "; stopped a leftover from a previous run (process " + leftover + ", "
                + how.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        RunFile.delete(runFile);
        return false;
    }

    private void launch(int chosen) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path conf = dataDir.resolve("redis.conf");
        SecretFile.writeOwnerOnly(conf, String.join("\n",
                "# written by OllamaMax at each start; edits are lost",
                "port " + chosen,
                "bind 127.0.0.1",
                "protected-mode yes",
                "daemonize no",
                "dir \"" + dataDir.toAbsolutePath().toString().replace("\"", "\\\"") + "\"",
                "appendonly yes",
                "appendfsync everysec",
                "save 60 1",
                "logfile \"\"",
                "requirepass " + password(),
                ""));
        stopping = false;
        process = launch(new ProcessBuilder(executable().getAbsolutePath(), conf.toAbsolutePath().toString())
                .directory(dataDir.toFile())
                .redirectErrorStream(true));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process p = process;
        Thread.ofVirtual().name("redis-log").start(() -> pump(p, ready));
        try {
            ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            String tail = log.tail(10);
            if (tail.contains("Address already in use")) {
                throw new PortTakenException();
            }
            throw new IOException("Redis did not start on port " + chosen + ". Its last lines:\n" + tail);
        }
        lastPort = chosen;
        port = Optional.of(chosen);
        server = Optional.of(p.toHandle());
        watchdog = dev.ollamamax.server.process.Watchdog.guard(p.pid(), "TERM");
        new RunFile(ProcessHandle.current().pid(), p.pid(), chosen).write(runFile);
        p.onExit().thenRun(() -> exited(p));
        detail = "data in " + dataDir + reclaimed;
        LOG.info(() -> "Embedded Redis running on 127.0.0.1:" + chosen + ", data in " + dataDir);
    }

    private void pump(Process p, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.append(line);
                if (line.contains("Ready to accept connections")) {
                    ready.complete(null);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        ready.completeExceptionally(new IOException("Redis exited"));
    }

    /**
     * Starts the binary just extracted. While it was being written, another thread of this JVM may have
     * forked a process that still holds it open for writing, and Linux then refuses to run it ("Text file
     * busy") until that child has exec'd: try again for a moment before giving up.
     */
    private static Process launch(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 20 || !String.valueOf(e.getMessage()).contains("Text file busy")) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private File executable() throws IOException {
        if (binary == null || !binary.canExecute()) {
            binary = ExecutableProvider.newJarResourceProvider().get();
        }
        return binary;
    }

    private String password() {
        return SecretFile.readOrCreate(home.resolve("redis-password"), 24);
    }

    private void exited(Process which) {
        if (!stopping && state == State.RUNNING && which == process) {
            detail = "Redis exited unexpectedly (code " + which.exitValue() + ")";
            state = State.CRASHED;
            log.append("[ollamamax] " + detail);
            LOG.warning(detail);
            port = Optional.empty();
            RunFile.delete(runFile);
        }
    }

    /** Stops the server; a start in progress is cancelled (its thread interrupted), never waited for. */
    @Override
    public void stop() {
        cancelled = true;
        Thread starter = starting;
        if (starter != null) {
            starter.interrupt();
        }
        boolean locked = false;
        try {
            locked = startLock.tryLock(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (state == State.STOPPED && process == null) {
                return;
            }
            state = State.STOPPING;
            endProcess();
            port = Optional.empty();
            server = Optional.empty();
            detail = "stopped";
            state = State.STOPPED;
        } finally {
            if (locked) {
                startLock.unlock();
            }
        }
    }

    /** Ends the server this service launched (SIGTERM, SHUTDOWN NOSAVE, SIGKILL: whatever it takes). */
    private void endProcess() {
        stopping = true;
        watchdog.ifPresent(dev.ollamamax.server.process.Watchdog::close);
        watchdog = Optional.empty();
        Process p = process;
        if (p != null) {
            RedisStopper.Outcome how = RedisStopper.stop(p.toHandle(), port.orElse(lastPort), password(), dataDir,
                    Duration.ofSeconds(5), log::append);
            if (how != RedisStopper.Outcome.GRACEFUL) {
                LOG.warning("Redis (process " + p.pid() + ") was stopped by " + how);
            }
            process = null;
            RunFile.delete(runFile);
        }
    }

    @Override
    public List<String> recentLog() {
        return log.lines();
    }

    @Override
    public AutoCloseable followLog(Consumer<String> listener) {
        return log.follow(listener);
    }

    private static final class PortTakenException extends IOException {
        PortTakenException() {
            super("port taken");
        }
    }
}
