package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Token usage per day, user, API key, model and node. {@link #record} only adds to counters in memory;
 * they are written to PostgreSQL every two seconds in one transaction (and on close). While the database
 * is down the counts are kept and written once it is back.
 */
public final class UsageRecorder implements AutoCloseable {

    /** A row of the usage table. {@code apiKeyId} 0 means the requests came with an access token. */
    public record Row(LocalDate day, long userId, long apiKeyId, String model, String node, long requests,
                      long promptTokens, long completionTokens) {
    }

    private record Key(LocalDate day, long userId, long apiKeyId, String model, String node) {
    }

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class.getName());

    private final Database database;
    private final Clock clock;
    private final ScheduledExecutorService flusher;
    private Map<Key, long[]> pending = new HashMap<>();

    UsageRecorder(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("usage-flush").unstarted(r));
        flusher.scheduleWithFixedDelay(this::flushQuietly, 2, 2, TimeUnit.SECONDS);
    }

    /** Counts one finished request: its prompt and completion tokens, on which model and node. */
    public void record(Principal who, String model, String node, long promptTokens, long completionTokens) {
        Key key = new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), who.userId(), who.apiKeyId().orElse(0L),
                model == null ? "" : model, node == null ? "" : node);
        synchronized (this) {
            long[] c = pending.computeIfAbsent(key, k -> new long[3]);
            c[0] += 1;
            c[1] += Math.max(0, promptTokens);
            c[2] += Math.max(0, completionTokens);
        }
    }

    /**
     * Writes the pending counts now. While the database is unavailable they stay pending (and the
     * {@link dev.ollamamax.server.store.StoreUnavailableException} is thrown); rows the database refuses are dropped.
     */
    public void flush() throws SQLException {
        Map<Key, long[]> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new HashMap<>();
        }
        try {
            database.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage (day, user_id, api_key_id, model, node, "
                        + "requests, prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (day, user_id, api_key_id, model, node) DO UPDATE SET "
                        + "requests = usage.requests + EXCLUDED.requests, "
                        + "prompt_tokens = usage.prompt_tokens + EXCLUDED.prompt_tokens, "
                        + "completion_tokens = usage.completion_tokens + EXCLUDED.completion_tokens")) {
                    for (Map.Entry<Key, long[]> e : batch.entrySet()) {
                        Key k = e.getKey();
                        ps.setObject(1, k.day());
                        ps.setLong(2, k.userId());
                        ps.setLong(3, k.apiKeyId());
                        ps.setString(4, k.model());
                        ps.setString(5, k.node());
                        ps.setLong(6, e.getValue()[0]);
                        ps.setLong(7, e.getValue()[1]);
                        ps.setLong(8, e.getValue()[2]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warning("Usage of " + batch.size() + " rows could not be written and is dropped: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            synchronized (this) {
                batch.forEach((k, v) -> {
                    long[] c = pending.computeIfAbsent(k, x -> new long[3]);
                    for (int i = 0; i < 3; i++) {
                        c[i] += v[i];
                    }
                });
            }
            throw e;
        }
    }

    /** A user's usage rows, newest day first. */
    public List<Row> usageOf(long userId) throws SQLException {
        return database.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT day, user_id, api_key_id, model, node, requests, "
                    + "prompt_tokens, completion_tokens FROM usage WHERE user_id = ? ORDER BY day DESC, model, node")) {
                ps.setLong(1, userId);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                    }
                }
                return rows;
            }
        });
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.fine(() -> "Usage kept for later: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
