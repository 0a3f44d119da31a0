package dev.ollamamax.server.store;

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
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose data lives in {@code <home>/postgres} and
 * survives restarts. Listens on 127.0.0.1 only, on the planned port when free; the superuser has a random
 * password kept in {@code <home>/postgres-password} (owner-only), so other local users cannot connect.
 * As root it runs through {@code unshare -U} (see {@link RootSupport}). Its programs are extracted into
 * {@code <home>/pg-bin} (owner-only, verified before each start: {@link PgBinaries}). {@link #stop()} never waits
 * for a start in progress: it cancels it (ending the initdb, pg_ctl or postgres it launched).
 */
public final class EmbeddedPostgresService extends EmbeddedServer<DatabaseUrl> {

    /** The database the gateway uses inside the embedded server. */
    public static final String DATABASE = "ollamamax";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresService.class.getName());

    private final Path logFile;
    private final PgBinaries binaries;
    private volatile boolean launching;
    private volatile Path binaryRoot;
    private volatile EmbeddedPostgres postgres;
    private volatile LogFileTail tail;

    public EmbeddedPostgresService(Path home, int preferredPort) {
        super("PostgreSQL", home, "postgres", preferredPort);
        this.logFile = home.resolve("logs").resolve("postgres.log");
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

    /** Where to connect while it runs (the {@value #DATABASE} database, with the superuser's password). */
    public Optional<DatabaseUrl> url() {
        return port.map(p -> new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + p + "/" + DATABASE,
                Optional.of("postgres"), Optional.of(password())));
    }

    @Override
    protected Optional<DatabaseUrl> connection() {
        return url();
    }

    @Override
    protected void resetStart() {
        launching = false;
    }

    @Override
    protected void launch() throws Exception {
        FreePort.whileChoosing(() -> {
            launchChosen();
            return null;
        });
    }

    @Override
    protected void ready() throws SQLException {
        ensureDatabase();
    }

    @Override
    protected Optional<ProcessHandle> leftover(Optional<RunFile> run) {
        return run.flatMap(r -> r.liveServer("postgres")).or(this::postmasterFromPidFile);
    }

    @Override
    protected String stopLeftover(ProcessHandle leftover, Optional<RunFile> run) {
        if (!RunFile.terminate(leftover, Duration.ofSeconds(15))) {
            LOG.warning(() -> "The leftover PostgreSQL (process " + leftover.pid() + ") refused to stop; it was killed (SIGKILL)");
            return ", killed";
        }
        return "";
    }

    @Override
    protected String crashDetail(ProcessHandle which) {
        return "; see " + logFile;
    }

    @Override
    protected boolean hasServer() {
        return postgres != null;
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

    private void launchChosen() throws IOException {
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
                    // a single-user store (issue 15, idle footprint): a few instances' pools, no parallel query workers,
                    // one autovacuum worker, small shared buffers; the data of one developer fits many times over
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("shared_buffers", "32MB")
                    .setServerConfig("max_worker_processes", "2")
                    .setServerConfig("max_parallel_workers", "0")
                    .setServerConfig("max_parallel_workers_per_gather", "0")
                    .setServerConfig("max_parallel_maintenance_workers", "0")
                    .setServerConfig("autovacuum_max_workers", "1")
                    .setServerConfig("jit", "off")
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
        launched(chosen, postmasterFromPidFile(), "INT");
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

    /** Ends what a cancelled start launched: initdb, pg_ctl, and a postmaster that already wrote its pid file. */
    @Override
    protected void cancelStart() {
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

    @Override
    protected void endServer() {
        disarmWatchdog();
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
}
