package dev.ollamamax.server.store;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.process.Watchdog;
import dev.ollamamax.shared.runtime.LogBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What every embedded server process shares: state and detail, port and pid, listeners told each time it comes
 * up, a log, the run file in {@code <home>/run} with attach-or-clear-leftovers before a port is chosen, the
 * {@link Watchdog}, a crash noticed from the process's exit, and a {@link #stop()} that cancels a start in
 * progress instead of waiting for it. Subclasses say how to launch, end and find their server.
 *
 * @param <E> what listeners get when the server is up (where to connect)
 */
abstract class EmbeddedServer<E> implements ManagedService {

    private static final Logger LOG = Logger.getLogger(EmbeddedServer.class.getName());

    protected final Path home;
    protected final Path dataDir;
    protected final Path runFile;
    protected final int preferredPort;
    protected final LogBuffer log = new LogBuffer(1000);
    private final String name;
    private final List<Consumer<E>> runningListeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock startLock = new ReentrantLock();

    private volatile State state = State.STOPPED;
    private volatile String detail = "";
    protected volatile Optional<Integer> port = Optional.empty();
    protected volatile Optional<ProcessHandle> server = Optional.empty();
    /** Set while this service ends its own server, so that the exit is not taken for a crash. */
    protected volatile boolean stopping;
    protected volatile boolean cancelled;
    private volatile Thread starting;
    private volatile String reclaimed = "";
    private volatile Optional<Watchdog> watchdog = Optional.empty();
    protected int lastPort;

    /**
     * @param name the server's name for people and messages ("PostgreSQL", "Redis")
     * @param runName the run file's name in {@code <home>/run}, also the data folder's name
     */
    protected EmbeddedServer(String name, Path home, String runName, int preferredPort) {
        this.name = name;
        this.home = home;
        this.dataDir = home.resolve(runName);
        this.runFile = home.resolve("run").resolve(runName + ".properties");
        this.preferredPort = preferredPort;
    }

    /** Starts a new server (choosing its port) and calls {@link #launched}; runs with the start lock held. */
    protected abstract void launch() throws Exception;

    /** Ends the server this service launched, if any, whatever it takes; also after a failed or cancelled start. */
    protected abstract void endServer();

    /** Whether this service holds a server it launched (to end on stop). */
    protected abstract boolean hasServer();

    /** The live server a previous run left (from its run file, or the server's own traces). */
    protected abstract Optional<ProcessHandle> leftover(Optional<RunFile> run);

    /** Stops a leftover whose gateway is gone; returns how, for the detail ("" when plainly). */
    protected abstract String stopLeftover(ProcessHandle leftover, Optional<RunFile> run);

    /** Where to connect while it runs. */
    protected abstract Optional<E> connection();

    /** Work after the server is up and before it counts as running (e.g. create the database). */
    protected void ready() throws Exception {
    }

    /** Called at the start of each start, before anything is launched. */
    protected void resetStart() {
    }

    /** Ends what a start in progress launched, from the stopping thread; called before and after the start lock. */
    protected void cancelStart() {
    }

    /** Called after a crash has been recorded. */
    protected void crashed() {
    }

    /** Extra words for the crash detail ("; see postgres.log"). */
    protected String crashDetail(ProcessHandle which) {
        return "";
    }

    @Override
    public final State state() {
        return state;
    }

    @Override
    public final Optional<Integer> port() {
        return port;
    }

    @Override
    public final String detail() {
        return detail;
    }

    /** The server's process while it runs. */
    @Override
    public final Optional<Long> pid() {
        return server.filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** Called with the connection details each time the server comes up (its port may have changed). */
    public final void onRunning(Consumer<E> listener) {
        runningListeners.add(listener);
    }

    @Override
    public final List<String> recentLog() {
        return log.lines();
    }

    @Override
    public final AutoCloseable followLog(Consumer<String> listener) {
        return log.follow(listener);
    }

    @Override
    public final void start() throws Exception {
        startLock.lockInterruptibly();
        try {
            if (state == State.RUNNING) {
                return;
            }
            cancelled = false;
            resetStart();
            starting = Thread.currentThread();
            set(State.STARTING, "starting");
            try {
                if (!attachOrClearLeftovers()) {
                    launch();
                }
                failIfCancelled();
                ready();
                failIfCancelled();
            } catch (Exception | Error e) {
                set(cancelled ? State.STOPPED : State.CRASHED, cancelled ? "start cancelled" : "could not start: " + e.getMessage());
                endServer();
                throw e;
            } finally {
                starting = null;
            }
            state = State.RUNNING;
        } finally {
            startLock.unlock();
        }
        connection().ifPresent(c -> runningListeners.forEach(l -> l.accept(c)));
    }

    protected final void failIfCancelled() throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("the start of " + name + " was cancelled (the gateway is stopping)");
        }
    }

    /** Uses a server another live gateway runs on this folder; stops one whose gateway died. True when attached. */
    private boolean attachOrClearLeftovers() {
        Optional<RunFile> run = RunFile.read(runFile);
        Optional<ProcessHandle> live = leftover(run);
        if (live.isEmpty()) {
            RunFile.delete(runFile);
            return false;
        }
        if (run.isPresent() && run.get().ownerAlive() && !FreePort.isFree(run.get().port())) {
            port = Optional.of(run.get().port());
            server = live;
            detail = "run by process " + run.get().ownerPid() + " (same data folder)";
            LOG.info(() -> "Using the embedded " + name + " already running on port " + run.get().port() + " for "
                    + dataDir + " (started by process " + run.get().ownerPid() + ")");
            return true;
        }
        long pid = live.get().pid();
        LOG.warning(() -> "Stopping the embedded " + name + " (process " + pid
                + ") left running by a gateway that is gone, before choosing a port");
        String how = stopLeftover(live.get(), run);
        reclaimed = "; stopped a leftover from a previous run (process " + pid + how + ")";
        RunFile.delete(runFile);
        return false;
    }

    /**
     * Records a server just launched: its port and process, a watchdog that sends {@code signal} if this JVM dies,
     * the run file, and a crash when it exits on its own.
     */
    protected final void launched(int chosen, Optional<ProcessHandle> process, String signal) {
        lastPort = chosen;
        port = Optional.of(chosen);
        server = process;
        watchdog = process.flatMap(p -> Watchdog.guard(p.pid(), signal));
        new RunFile(ProcessHandle.current().pid(), process.map(ProcessHandle::pid).orElse(-1L), chosen).write(runFile);
        process.ifPresent(p -> p.onExit().thenRun(() -> exited(p)));
        detail = "data in " + dataDir + reclaimed;
        LOG.info(() -> "Embedded " + name + " running on 127.0.0.1:" + chosen + ", data in " + dataDir);
    }

    /** Disarms the watchdog before this service ends its own server (it must never signal a reused pid). */
    protected final void disarmWatchdog() {
        stopping = true;
        watchdog.ifPresent(Watchdog::close);
        watchdog = Optional.empty();
    }

    private void exited(ProcessHandle which) {
        if (!stopping && state == State.RUNNING && server.map(which::equals).orElse(false)) {
            set(State.CRASHED, name + " exited unexpectedly" + crashDetail(which));
            log.append("[ollamamax] " + detail);
            LOG.warning(detail);
            crashed();
        }
    }

    /**
     * Stops the server; a start in progress is cancelled first (its thread interrupted, what it launched ended),
     * so this never waits for a slow start to finish.
     */
    @Override
    public final void stop() {
        cancelled = true;
        Thread starter = starting;
        if (starter != null) {
            starter.interrupt();
            cancelStart();
        }
        boolean locked = false;
        try {
            locked = startLock.tryLock(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (starter != null) {
                cancelStart();
            }
            if (state == State.STOPPED && !hasServer()) {
                return;
            }
            state = State.STOPPING;
            endServer();
            port = Optional.empty();
            server = Optional.empty();
            set(State.STOPPED, "stopped");
        } finally {
            if (locked) {
                startLock.unlock();
            }
        }
    }

    /** The detail first, so that whoever sees the new state sees why. */
    private void set(State newState, String newDetail) {
        detail = newDetail;
        state = newState;
    }
}
