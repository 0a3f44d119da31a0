package dev.ollamamax.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * The gateway's PostgreSQL: a HikariCP pool, the Flyway migrations (applied once the server answers), and
 * its availability. A monitor checks the server every second, so the state recovers by itself when the
 * server comes back; while it is starting or down, {@link #query} fails at once with a
 * {@link StoreUnavailableException} instead of waiting for a connection.
 */
public final class Database implements AutoCloseable {

    public enum Status { STARTING, UP, DOWN }

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final int poolSize;
    private final ScheduledExecutorService monitor;
    private volatile HikariDataSource pool;
    private volatile Optional<DatabaseUrl> url = Optional.empty();
    private volatile Status status = Status.STARTING;
    private volatile String message = "database is starting";
    private volatile boolean migrated;

    public Database(int poolSize) {
        this.poolSize = poolSize;
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "database-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Points the pool at a server: the first time, or when the embedded server came back on another port. */
    public synchronized void connect(DatabaseUrl target) {
        if (url.equals(Optional.of(target)) && pool != null && !pool.isClosed()) {
            return;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("ollamamax-db");
        config.setJdbcUrl(target.jdbcUrl());
        target.user().ifPresent(config::setUsername);
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(2000);
        config.setValidationTimeout(1000);
        config.setInitializationFailTimeout(-1);
        HikariDataSource old = pool;
        pool = new HikariDataSource(config);
        url = Optional.of(target);
        if (old != null) {
            old.close();
        }
        LOG.info(() -> "Database: " + target);
        monitor.execute(this::check);
    }

    /** Records that the server could not be started, with the reason people should see. */
    public void failed(String reason) {
        status = Status.DOWN;
        message = "database unavailable: " + reason;
    }

    public Status status() {
        return status;
    }

    /** "database is starting", "database unavailable: …", or where it is when up. */
    public String message() {
        return message;
    }

    public Optional<DatabaseUrl> url() {
        return url;
    }

    /** Runs {@code work} on a pooled connection (auto-commit). */
    public <T> T query(SqlWork<T> work) throws SQLException {
        HikariDataSource ds = usablePool();
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw unavailableOr(e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        HikariDataSource ds = usablePool();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailableOr(e);
        }
    }

    /** Waits until the database is up (for the CLI); false on timeout. */
    public boolean awaitUp(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (status != Status.UP) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private HikariDataSource usablePool() {
        HikariDataSource ds = pool;
        if (status != Status.UP || ds == null) {
            throw new StoreUnavailableException(message);
        }
        return ds;
    }

    private SQLException unavailableOr(SQLException e) {
        if (isConnectivity(e)) {
            down(e);
            throw new StoreUnavailableException(message, e);
        }
        return e;
    }

    private void check() {
        HikariDataSource ds = pool;
        if (ds == null || ds.isClosed()) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException | RuntimeException e) {
            down(e);
            return;
        }
        try {
            if (!migrated) {
                migrate(ds);
            }
            if (status != Status.UP) {
                LOG.info(() -> "Database is up: " + url.map(Object::toString).orElse(""));
            }
            status = Status.UP;
            message = "PostgreSQL at " + url.map(DatabaseUrl::jdbcUrl).orElse("?");
        } catch (RuntimeException e) {
            status = Status.DOWN;
            message = "database unavailable: migrating the schema failed: " + e.getMessage();
            LOG.severe(message);
        }
    }

    private synchronized void migrate(HikariDataSource ds) {
        if (migrated) {
            return;
        }
        var result = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    private void down(Exception e) {
        String reason = describe(e);
        if (status == Status.UP) {
            LOG.warning("Database unavailable: " + reason);
        }
        status = Status.DOWN;
        message = "database unavailable: " + reason;
    }

    static boolean isConnectivity(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool will drop it
        }
    }

    @Override
    public synchronized void close() {
        monitor.shutdownNow();
        if (pool != null) {
            pool.close();
        }
        status = Status.DOWN;
        message = "database closed";
    }
}
