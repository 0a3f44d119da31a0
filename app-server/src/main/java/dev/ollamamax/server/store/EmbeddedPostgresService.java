package dev.ollamamax.server.store;

import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose data lives in {@code <home>/postgres} and
 * survives restarts. Listens on 127.0.0.1 only, on the planned port when free; the superuser has a random
 * password kept in {@code <home>/postgres-password} (owner-only), so other local users cannot connect.
 * As root it runs through {@code unshare -U} (see {@link RootSupport}). Its programs are extracted into
 * {@code <home>/pg-bin} (owner-only, verified before each start: {@link PgBinaries}). {@link #stop()} never waits
 * for a start in progress: it cancels it (ending the initdb, pg_ctl or postgres it launched).
 */
public final class EmbeddedPostgresService implements ManagedService {

    /** The database the gateway uses inside the embedded server. */
    public static final String DATABASE = "ollamamax";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresService.class.getName());

    private final Path home;
    private final Path dataDir;
    private final Path logFile;
    private final Path runFile;
    private final int preferredPort;
    private final LogBuffer log = new LogBuffer(1000);
    private final List<Consumer<DatabaseUrl>> runningListeners = new CopyOnWriteArrayList<>();

    private volatile State state = State.STOPPED;
    private volatile String detail = "";
    private volatile Optional<Integer> port = Optional.empty();
    private volatile Optional<ProcessHandle> server = Optional.empty();
    private volatile boolean stopping;
    private volatile boolean cancelled;
    private volatile boolean launching;
    private volatile Thread starting;
    private final java.util.concurrent.locks.ReentrantLock startLock = new java.util.concurrent.locks.ReentrantLock();
    private final PgBinaries binaries;
    private volatile Path binaryRoot;
    private volatile EmbeddedPostgres postgres;
    private volatile LogFileTail tail;
    private volatile String reclaimed = "";
    private volatile Optional<dev.ollamamax.server.process.Watchdog> watchdog = Optional.empty();
    private int lastPort;

    public EmbeddedPostgresService(Path home, int preferredPort) {
        this.home = home;
        this.dataDir = home.resolve("postgres");
        this.logFile = home.resolve("logs").resolve("postgres.log");
        this.runFile = home.resolve("run").resolve("postgres.properties");
        this.preferredPort = preferredPort;
        this.binaries = new PgBinaries(home);
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public String displayName() {
        return "PostgreSQL (embedded)";
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.of(ServiceId.POSTGRES);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Integer> port() {
        return port;
    }

    /** The server's process while it runs. */
    public Optional<Long> pid() {
        return server.filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    @Override
    public String detail() {
        return detail;
    }

    /** Where to connect while it runs (the {@value #DATABASE} database, with the superuser's password). */
    public Optional<DatabaseUrl> url() {
        return port.map(p -> new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + p + "/" + DATABASE,
                Optional.of("postgres"), Optional.of(password())));
    }

    /** Called with the connection details each time the server comes up (its port may have changed). */
    public void onRunning(Consumer<DatabaseUrl> listener) {
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
            launching = false;
            starting = Thread.currentThread();
            detail = "starting";
            state = State.STARTING;
            try {
                if (!attachOrClearLeftovers()) {
                    FreePort.whileChoosing(() -> {
                        launch();
                        return null;
                    });
                }
                failIfCancelled();
                ensureDatabase();
                failIfCancelled();
            } catch (Exception | Error e) {
                detail = cancelled ? "start cancelled" : "could not start: " + e.getMessage();
                state = cancelled ? State.STOPPED : State.CRASHED;
                stopQuietly();
                throw e;
            } finally {
                starting = null;
            }
            state = State.RUNNING;
        } finally {
            startLock.unlock();
        }
        url().ifPresent(u -> runningListeners.forEach(l -> l.accept(u)));
    }

    private void failIfCancelled() throws InterruptedException {
        if (cancelled) {
            throw new InterruptedException("the start of PostgreSQL was cancelled (the gateway is stopping)");
        }
    }

    /** Uses a server another live gateway runs on this folder; stops one whose gateway died. True when attached. */
    private boolean attachOrClearLeftovers() throws IOException {
        Optional<RunFile> run = RunFile.read(runFile);
        Optional<ProcessHandle> live = run.flatMap(r -> r.liveServer("postgres")).or(this::postmasterFromPidFile);
        if (live.isEmpty()) {
            RunFile.delete(runFile);
            return false;
        }
        if (run.isPresent() && run.get().ownerAlive() && !FreePort.isFree(run.get().port())) {
            port = Optional.of(run.get().port());
            server = live;
            detail = "run by process " + run.get().ownerPid() + " (same data folder)";
            LOG.info(() -> "Using the embedded PostgreSQL already running on port " + run.get().port()
                    + " for " + dataDir + " (started by process " + run.get().ownerPid() + ")");
            return true;
        }
        long leftover = live.get().pid();
        LOG.warning(() -> "Stopping the embedded PostgreSQL (process " + leftover
                + ") left running by a gateway that is gone, before choosing a port");
        boolean graceful = RunFile.terminate(live.get(), Duration.ofSeconds(15));
        if (!graceful) {
            LOG.warning(() -> "The leftover PostgreSQL (process " + leftover + ") refused to stop; it was killed (SIGKILL)");
        }
        reclaimed = "; stopped a leftover from a previous run (process " + leftover + ")";
        RunFile.delete(runFile);
        return false;
    }

    private Optional<ProcessHandle> postmasterFromPidFile() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void launch() throws IOException {
        RootSupport.ensurePostgresCanRun();
        launching = true;
        clearFailedInit();
        Files.createDirectories(logFile.getParent());
        String password = password();
        Path pwFile = home.resolve("run").resolve("postgres-initdb-password");
        SecretFile.writeOwnerOnly(pwFile, password + "\n");
        int chosen = FreePort.choose(lastPort, preferredPort);
        long logStart = LogFileTail.sizeOf(logFile);
        Files.writeString(logFile, "", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        tail = LogFileTail.start(logFile, logStart, log);
        stopping = false;
        try {
            binaryRoot = binaries.prepare();
            failIfCancelled();
            postgres = ZonkyBuilder.outsideTmp(binaryRoot.resolveSibling("scratch"))
                    .setPgBinaryResolver(new ZonkyBuilder.HomeBinaries(home))
                    .setOverrideWorkingDirectory(binaryRoot.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(chosen)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", pwFile.toString())
                    .setConnectConfig("password", password)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            binaries.seal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the start of PostgreSQL was cancelled", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("PostgreSQL did not start (port " + chosen + "): " + e.getMessage()
                    + "\nLast lines of " + logFile + ":\n" + log.tail(15), e);
        } finally {
            Files.deleteIfExists(pwFile);
        }
        lastPort = chosen;
        port = Optional.of(chosen);
        server = postmasterFromPidFile();
        watchdog = server.flatMap(s -> dev.ollamamax.server.process.Watchdog.guard(s.pid(), "INT"));
        new RunFile(ProcessHandle.current().pid(), server.map(ProcessHandle::pid).orElse(-1L), chosen).write(runFile);
        server.ifPresent(s -> s.onExit().thenRun(() -> exited(s)));
        detail = "data in " + dataDir + reclaimed;
        LOG.info(() -> "Embedded PostgreSQL running on 127.0.0.1:" + chosen + ", data in " + dataDir);
    }

    /** initdb that was killed half-way leaves a folder PostgreSQL cannot use; nothing in it is data yet. */
    private void clearFailedInit() throws IOException {
        if (Files.isDirectory(dataDir) && !Files.exists(dataDir.resolve("postgresql.conf"))) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
            LOG.warning(() -> "Removing the unfinished database folder " + dataDir + " (its initialisation was interrupted)");
            org.apache.commons.io.FileUtils.cleanDirectory(dataDir.toFile());
        }
    }

    private void ensureDatabase() throws SQLException {
        DatabaseUrl admin = url().orElseThrow();
        String postgresDb = admin.jdbcUrl().replace("/" + DATABASE, "/postgres");
        try (Connection c = DriverManager.getConnection(postgresDb, "postgres", password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private String password() {
        return SecretFile.readOrCreate(home.resolve("postgres-password"), 24);
    }

    private void exited(ProcessHandle which) {
        if (!stopping && state == State.RUNNING && server.map(which::equals).orElse(false)) {
            detail = "PostgreSQL exited unexpectedly; see " + logFile;
            state = State.CRASHED;
            log.append("[ollamamax] " + detail);
            LOG.warning(detail);
        }
    }

    /**
     * Stops the server; a start in progress is cancelled first (its thread interrupted, the programs it
     * launched ended), so this never waits for initdb or a slow start to finish.
     */
    @Override
    public void stop() {
        cancelled = true;
        Thread starter = starting;
        if (starter != null) {
            starter.interrupt();
            endStartingPrograms();
        }
        boolean locked = false;
        try {
            locked = startLock.tryLock(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (starter != null) {
                endStartingPrograms();
            }
            if (state == State.STOPPED && postgres == null) {
                return;
            }
            state = State.STOPPING;
            stopQuietly();
            detail = "stopped";
            state = State.STOPPED;
        } finally {
            if (locked) {
                startLock.unlock();
            }
        }
    }

    /** Ends what a cancelled start launched: initdb, pg_ctl, and a postmaster that already wrote its pid file. */
    private void endStartingPrograms() {
        Path root = binaryRoot;
        if (root != null) {
            ProcessHandle.current().descendants()
                    .filter(h -> h.info().command().map(c -> c.startsWith(root.toString())).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        postmasterFromPidFile().ifPresent(pm -> {
            if (launching && postgres == null) {
                LOG.info(() -> "Stopping the PostgreSQL (process " + pm.pid() + ") of a cancelled start");
                RunFile.terminate(pm, Duration.ofSeconds(10));
            }
        });
    }

    private void stopQuietly() {
        stopping = true;
        watchdog.ifPresent(dev.ollamamax.server.process.Watchdog::close);
        watchdog = Optional.empty();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warning("Stopping PostgreSQL: " + e.getMessage());
            }
            server.filter(s -> !RunFile.awaitExit(s, Duration.ofSeconds(5)))
                    .ifPresent(s -> RunFile.terminate(s, Duration.ofSeconds(10)));
            RunFile.delete(runFile);
            postgres = null;
        }
        if (tail != null) {
            tail.close();
            tail = null;
        }
        port = Optional.empty();
        server = Optional.empty();
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
