package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.process.Watchdog;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.runtime.Backoff;
import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.shared.stack.Availability;
import dev.ollamamax.shared.stack.ProcessSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One process of the stack file as a service: its command run by the shell in its working folder with its
 * environment, its output followed into the log, a {@link Watchdog} so it dies with the app. With a readiness
 * probe it is {@code STARTING} until the probe passes. When it exits (or its liveness probe fails past the
 * threshold and it is ended) its {@code availability} decides: restart after a backoff that doubles from
 * {@code backoff_seconds} up to 30 s, at most {@code max_restarts} times, or stay crashed / completed. Stop sends
 * SIGTERM, then SIGKILL after the grace. Id {@code stack:<name>}.
 */
public final class StackProcess implements ManagedService, RestartsItself {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private final ProcessSpec spec;
    private final ScheduledExecutorService scheduler;
    private final Duration grace;
    private final Backoff backoff;
    private final LogBuffer log = new LogBuffer(2000);
    private final ProcessState status;

    private Process process;
    private long launchedAt;
    private Optional<Watchdog> watchdog = Optional.empty();
    private Optional<ProbeLoop> readiness = Optional.empty();
    private Optional<ProbeLoop> liveness = Optional.empty();
    private ScheduledFuture<?> pendingRestart;
    private boolean stopping;
    private int consecutive;

    public StackProcess(ProcessSpec spec, ScheduledExecutorService scheduler, Duration grace) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.grace = grace;
        Duration first = spec.availability().backoff();
        this.backoff = new Backoff(first, first.compareTo(Duration.ofSeconds(30)) > 0 ? first : Duration.ofSeconds(30));
        this.status = new ProcessState(spec.disabled() ? "disabled in the stack file; Start runs it" : "not started");
    }

    public ProcessSpec spec() {
        return spec;
    }

    @Override
    public String id() {
        return "stack:" + spec.name();
    }

    @Override
    public String displayName() {
        return spec.name();
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.empty();
    }

    @Override
    public State state() {
        return status.state();
    }

    @Override
    public Optional<Integer> port() {
        State s = state();
        boolean up = s == State.RUNNING || s == State.STARTING;
        return up && !spec.ports().isEmpty() ? Optional.of(spec.ports().getFirst()) : Optional.empty();
    }

    @Override
    public synchronized Optional<Long> pid() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::pid);
    }

    @Override
    public List<String> dependsOn() {
        return spec.dependsOn().keySet().stream().map(n -> "stack:" + n).toList();
    }

    @Override
    public String detail() {
        return status.detail();
    }

    /** The current state and what the stack runner's conditions ask about it. */
    ProcessState status() {
        return status;
    }

    /** Restarts done by the policy since the user last started it. */
    public int restarts() {
        return status.restarts();
    }

    @Override
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        cancelPending();
        stopping = false;
        consecutive = 0;
        status.userStarted();
        launch();
    }

    private synchronized void launch() throws IOException {
        note("starting: " + spec.command() + " (in " + spec.workingDir() + ")");
        Process p;
        try {
            p = ChildProcess.launch(spec.command(), spec.workingDir(), spec.environment());
        } catch (IOException e) {
            status.crashed("could not start: " + e.getMessage());
            note("could not start: " + e.getMessage());
            throw new IOException("Could not start " + spec.name() + ": " + e.getMessage(), e);
        }
        process = p;
        launchedAt = System.nanoTime();
        ChildProcess.follow(p, log, spec.name());
        watchdog = Watchdog.guard(p.pid(), "TERM");
        status.launched(p.pid(), spec.readiness().isPresent());
        readiness = spec.readiness().map(probe -> new ProbeLoop(probe, spec.workingDir(), spec.environment(),
                new ProbeLoop.Listener() {
                    @Override
                    public void passed() {
                        ready(p);
                    }

                    @Override
                    public void failed(String why) {
                        note("readiness probe failing: " + why);
                    }
                }).start(scheduler));
        liveness = spec.liveness().map(probe -> new ProbeLoop(probe, spec.workingDir(), spec.environment(),
                new ProbeLoop.Listener() {
                    @Override
                    public void passed() {
                    }

                    @Override
                    public void failed(String why) {
                        livenessFailed(p, why);
                    }
                }).start(scheduler));
        p.onExit().thenAccept(this::exited);
    }

    private synchronized void ready(Process p) {
        if (p == process && !stopping) {
            note("ready (" + spec.readiness().orElseThrow().check().describe() + ")");
            status.ready();
        }
    }

    private synchronized void livenessFailed(Process p, String why) {
        if (p != process || stopping) {
            return;
        }
        note("liveness probe failed: " + why + "; ending the process");
        status.livenessFailed(why);
        Thread.ofVirtual().name("stack-liveness-" + spec.name()).start(() -> {
            try {
                ChildProcess.terminate(p, grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private synchronized void exited(Process p) {
        if (p != process || stopping) {
            return;
        }
        int code = p.exitValue();
        endRun();
        note("exited with code " + code);
        if (System.nanoTime() - launchedAt >= STABLE_AFTER.toNanos()) {
            consecutive = 0;
        }
        Availability a = spec.availability();
        boolean wanted = a.restart().restartsAfter(code) || status.killedByLiveness() && a.restart()
                != Availability.Restart.NO;
        if (wanted && a.allowsAnother(status.restarts())) {
            Duration delay = backoff.delay(consecutive++);
            status.restarting(code, delay);
            note("restarting in " + delay.toMillis() + " ms (restart " + status.restarts() + ")");
            pendingRestart = scheduler.schedule(this::restartNow, delay.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            status.exited(code, wanted ? "gave up after " + status.restarts() + " restarts" : "");
        }
    }

    private synchronized void restartNow() {
        if (stopping || process != null) {
            return;
        }
        try {
            launch();
        } catch (IOException e) {
            // launch() recorded it
        }
    }

    @Override
    public void stop() throws InterruptedException {
        Process p;
        synchronized (this) {
            stopping = true;
            cancelPending();
            p = process;
            endRun();
            if (p == null) {
                status.stopped(Optional.empty());
                return;
            }
            status.stopping();
        }
        ChildProcess.terminate(p, grace);
        synchronized (this) {
            note("stopped (exit code " + p.exitValue() + ")");
            status.stopped(Optional.of(p.exitValue()));
        }
    }

    private void endRun() {
        readiness.ifPresent(ProbeLoop::close);
        liveness.ifPresent(ProbeLoop::close);
        readiness = Optional.empty();
        liveness = Optional.empty();
        watchdog.ifPresent(Watchdog::close);
        watchdog = Optional.empty();
        process = null;
    }

    private void cancelPending() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    /** Adds a line of our own to its log ("[ollamamax] 10:01:02.003 ..."). */
    void note(String event) {
        log.append("[ollamamax] " + LocalTime.now().format(TIME) + " " + event);
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
