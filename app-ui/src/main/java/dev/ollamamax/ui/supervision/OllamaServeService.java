package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.process.Watchdog;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.runtime.LogBuffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * An {@code ollama serve} this process launched: the given binary with {@code OLLAMA_HOST=<host>:<port>},
 * its output kept as the service log, running once {@code /api/version} answers. A process that exits on
 * its own is {@link ManagedService.State#CRASHED} (the {@link Supervisor} starts it again); stop ends it
 * and the runners it spawned. Id {@code ollama:<port>}.
 */
public final class OllamaServeService implements ManagedService {

    private static final Logger LOG = Logger.getLogger(OllamaServeService.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final String host;
    private final int port;
    private final Duration readyTimeout;
    private final LogBuffer log = new LogBuffer(2000);

    private volatile State state = State.STOPPED;
    private volatile String detail = "";
    private volatile boolean stopping;
    private volatile Process process;
    private Optional<Watchdog> watchdog = Optional.empty();

    public OllamaServeService(Path binary, String host, int port) {
        this(binary, host, port, READY_TIMEOUT);
    }

    OllamaServeService(Path binary, String host, int port, Duration readyTimeout) {
        this.binary = binary;
        this.host = host;
        this.port = port;
        this.readyTimeout = readyTimeout;
    }

    @Override
    public String id() {
        return "ollama:" + port;
    }

    @Override
    public String displayName() {
        return "Ollama (ollama serve :" + port + ")";
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.empty();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Integer> port() {
        return state == State.RUNNING ? Optional.of(port) : Optional.empty();
    }

    /** Where the node answers: {@code http://<host>:<port>}. */
    public URI url() {
        return URI.create("http://" + host + ":" + port);
    }

    public Path binary() {
        return binary;
    }

    /** The process id while it runs. */
    public synchronized Optional<Long> pid() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::pid);
    }

    @Override
    public String detail() {
        return detail;
    }

    @Override
    public synchronized void start() throws IOException, InterruptedException {
        if (state == State.RUNNING && process != null && process.isAlive()) {
            return;
        }
        state = State.STARTING;
        detail = "starting " + binary + " serve";
        note("starting " + binary + " serve with OLLAMA_HOST=" + host + ":" + port);
        stopping = false;
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "serve").redirectErrorStream(true);
        builder.environment().put("OLLAMA_HOST", host + ":" + port);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            fail("could not run " + binary + ": " + e.getMessage());
            throw new IOException("Could not run " + binary + ": " + e.getMessage(), e);
        }
        process = p;
        Thread pumpThread = Thread.ofVirtual().name("ollama-serve-log-" + port).start(() -> pump(p));
        try {
            awaitReady(p, pumpThread);
        } catch (IOException | InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(e.getMessage());
            throw e;
        }
        watchdog = Watchdog.guard(p.pid(), "TERM");
        state = State.RUNNING;
        detail = url().toString();
        note("answering on " + url());
        p.onExit().thenRun(() -> exited(p));
        LOG.info(() -> "ollama serve running on " + url() + " (process " + p.pid() + ")");
    }

    private void awaitReady(Process p, Thread pumpThread) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build()) {
            HttpRequest ping = HttpRequest.newBuilder(url().resolve("/api/version")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    int code = p.waitFor();
                    pumpThread.join(2000); // let the log reader take the process's last words first
                    throw new IOException("ollama serve exited with code " + code + " before it answered. Its last lines:\n"
                            + tail(10));
                }
                try {
                    if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("ollama serve did not answer on " + url() + " within " + readyTimeout.toSeconds()
                + " s. Its last lines:\n" + tail(10));
    }

    private void pump(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.append(line);
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private void exited(Process which) {
        synchronized (this) {
            if (stopping || which != process || state != State.RUNNING) {
                return;
            }
            int code = which.exitValue();
            fail("ollama serve exited unexpectedly (code " + code + ")");
            LOG.warning(displayName() + ": exited unexpectedly (code " + code + ")");
        }
    }

    private void fail(String why) {
        state = State.CRASHED;
        detail = why;
        note(why);
    }

    /** Stops it; a start in progress is not waited for: the process it launched is ended first. */
    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        Process starting = process;
        if (starting != null && state == State.STARTING) {
            starting.descendants().forEach(ProcessHandle::destroyForcibly);
            starting.destroyForcibly();
        }
        stopNow();
    }

    private synchronized void stopNow() throws InterruptedException {
        stopping = true;
        watchdog.ifPresent(Watchdog::close);
        watchdog = Optional.empty();
        if (process != null) {
            state = State.STOPPING;
            Process p = process;
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            process = null;
            note("stopped");
        }
        state = State.STOPPED;
        detail = "stopped";
    }

    private void note(String event) {
        log.append("[ollamamax] " + LocalTime.now().format(TIME) + " " + event);
    }

    private String tail(int lines) {
        List<String> all = log.lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public List<String> recentLog() {
        return log.lines();
    }

    @Override
    public AutoCloseable followLog(Consumer<String> listener) {
        return log.follow(listener);
    }
}
