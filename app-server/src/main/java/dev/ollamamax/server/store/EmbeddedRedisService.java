package dev.ollamamax.server.store;

import dev.ollamamax.shared.ports.ServiceId;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary bundled by {@code embedded-redis}) persisting to {@code <home>/redis}
 * (append-only file), on 127.0.0.1 only, on the planned port when free, with a random password kept in
 * {@code <home>/redis-password} (owner-only). The password is passed in a config file, never on the
 * command line where other users could read it. {@link #stop()} never waits for a start in progress: it
 * cancels it. A Redis that refuses to stop is stopped anyway ({@link RedisStopper}).
 */
public final class EmbeddedRedisService extends EmbeddedServer<RedisEndpoint> {

    private static final Logger LOG = Logger.getLogger(EmbeddedRedisService.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private volatile Process process;
    private File binary;

    public EmbeddedRedisService(Path home, int preferredPort) {
        super("Redis", home, "redis", preferredPort);
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

    /** Where to connect while it runs. */
    public Optional<RedisEndpoint> endpoint() {
        return port.map(p -> RedisEndpoint.local(p, password()));
    }

    @Override
    protected Optional<RedisEndpoint> connection() {
        return endpoint();
    }

    @Override
    protected Optional<ProcessHandle> leftover(Optional<RunFile> run) {
        return run.flatMap(r -> r.liveServer("redis-server"));
    }

    @Override
    protected String stopLeftover(ProcessHandle leftover, Optional<RunFile> run) {
        RedisStopper.Outcome how = RedisStopper.stop(leftover, run.map(RunFile::port).orElse(preferredPort), password(),
                dataDir, Duration.ofSeconds(5), log::append);
        return ", " + how.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    protected void launch() throws IOException, InterruptedException {
        try {
            launch(FreePort.choose(lastPort, preferredPort));
        } catch (PortTakenException e) {
            launch(FreePort.choose());
        }
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
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            String tail = log.tail(10);
            if (tail.contains("Address already in use")) {
                throw new PortTakenException();
            }
            throw new IOException("Redis did not start on port " + chosen + ". Its last lines:\n" + tail);
        }
        launched(chosen, Optional.of(p.toHandle()), "TERM");
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

    @Override
    protected String crashDetail(ProcessHandle which) {
        Process p = process;
        return p != null && p.pid() == which.pid() && !p.isAlive() ? " (code " + p.exitValue() + ")" : "";
    }

    @Override
    protected void crashed() {
        port = Optional.empty();
        RunFile.delete(runFile);
    }

    @Override
    protected boolean hasServer() {
        return process != null;
    }

    /** Ends the server this service launched (SIGTERM, SHUTDOWN NOSAVE, SIGKILL: whatever it takes). */
    @Override
    protected void endServer() {
        disarmWatchdog();
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

    private static final class PortTakenException extends IOException {
        PortTakenException() {
            super("port taken");
        }
    }
}
