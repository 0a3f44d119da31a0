package dev.ollamamax.server.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The gateway's Redis connection, used as an optional helper: every call may come back empty, and callers
 * then do without (per-instance rate limits, no cached response, local events only). A monitor pings
 * Redis every second, so the cache comes back by itself; while it is down, calls return empty at once
 * instead of waiting on a dead socket.
 */
public final class Cache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Cache.class.getName());

    private final ScheduledExecutorService monitor;
    private volatile RedisClient client;
    private volatile Optional<RedisEndpoint> endpoint = Optional.empty();
    private volatile boolean up;
    private volatile String message = "cache is starting";

    public Cache() {
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Points the client at a server: the first time, or when the embedded server came back on another port. */
    public synchronized void connect(RedisEndpoint target) {
        if (endpoint.equals(Optional.of(target)) && client != null) {
            return;
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        pool.setMaxIdle(16);
        pool.setMaxWait(Duration.ofSeconds(1));
        RedisClient old = client;
        client = RedisClient.builder()
                .hostAndPort(target.hostAndPort())
                .clientConfig(target.clientConfig("ollamamax"))
                .poolConfig(pool)
                .build();
        endpoint = Optional.of(target);
        if (old != null) {
            old.close();
        }
        LOG.info(() -> "Cache: " + target);
        monitor.execute(this::check);
    }

    /** Records that the server could not be started, with the reason people should see. */
    public void failed(String reason) {
        up = false;
        message = "cache unavailable: " + reason;
    }

    public boolean isUp() {
        return up;
    }

    /** Where it is when up, else why not. */
    public String message() {
        return message;
    }

    public Optional<RedisEndpoint> endpoint() {
        return endpoint;
    }

    /** Runs a command; empty when Redis is down or the command failed (the failure is logged). */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        RedisClient c = client;
        if (!up || c == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(c));
        } catch (JedisConnectionException e) {
            markDown(e);
            return Optional.empty();
        } catch (JedisException e) {
            LOG.warning("Redis command failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void check() {
        RedisClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.ping();
            if (!up) {
                LOG.info(() -> "Cache is up: " + endpoint.map(Object::toString).orElse(""));
            }
            message = "Redis at " + endpoint.map(Object::toString).orElse("?");
            up = true;
        } catch (JedisException e) {
            markDown(e);
        }
    }

    private void markDown(Exception e) {
        if (up) {
            LOG.warning("Redis unavailable: " + e.getMessage());
        }
        up = false;
        message = "cache unavailable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public synchronized void close() {
        monitor.shutdownNow();
        if (client != null) {
            client.close();
            client = null;
        }
        up = false;
        message = "cache closed";
    }
}
