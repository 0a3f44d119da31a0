package dev.ollamamax.server.store;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.ops.ReadinessCheck;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * PostgreSQL and Redis for one gateway: the embedded servers (unless {@code DATABASE_URL} / {@code REDIS_URL}
 * name external ones), started in the background so the listeners never wait for them, the clients, and
 * their readiness checks. Stopping the gateway stops the embedded servers.
 */
public final class StoreFeature implements GatewayFeature {

    private static final Logger LOG = Logger.getLogger(StoreFeature.class.getName());

    private final Database database;
    private final Cache cache;
    private final EventBus eventBus;
    private final ResponseCache responseCache;
    private final Optional<EmbeddedPostgresService> postgres;
    private final Optional<EmbeddedRedisService> redis;
    private final ExecutorService starter;
    private final Thread shutdownHook;

    public StoreFeature(GatewayContext context) {
        Config config = context.config();
        this.database = new Database(config.getInt(Setting.DB_POOL_SIZE));
        this.cache = new Cache();
        this.eventBus = new EventBus(cache);
        this.responseCache = new ResponseCache(cache, config.getBoolean(Setting.CACHE_RESPONSES),
                Duration.ofSeconds(config.getLong(Setting.RESPONSE_CACHE_TTL_SECONDS)));
        String dbUrl = config.get(Setting.DATABASE_URL);
        String redisUrl = config.get(Setting.REDIS_URL);
        this.postgres = dbUrl.isBlank()
                ? Optional.of(new EmbeddedPostgresService(context.home(), config.getPort(Setting.POSTGRES_PORT)))
                : Optional.empty();
        this.redis = redisUrl.isBlank()
                ? Optional.of(new EmbeddedRedisService(context.home(), config.getPort(Setting.REDIS_PORT)))
                : Optional.empty();
        postgres.ifPresent(pg -> pg.onRunning(database::connect));
        redis.ifPresent(r -> r.onRunning(cache::connect));
        this.starter = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform().daemon().name("store-start").unstarted(r));
        this.shutdownHook = new Thread(this::stopEmbedded, "store-shutdown");
        if (postgres.isPresent() || redis.isPresent()) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        if (postgres.isPresent()) {
            starter.execute(() -> startEmbedded(postgres.get(), database::failed));
        } else {
            database.connect(DatabaseUrl.parse(dbUrl));
        }
        if (redis.isPresent()) {
            starter.execute(() -> startEmbedded(redis.get(), cache::failed));
        } else {
            cache.connect(RedisEndpoint.parse(redisUrl));
        }
    }

    private static void startEmbedded(ManagedService service, java.util.function.Consumer<String> onFailure) {
        try {
            service.start();
        } catch (Exception e) {
            LOG.severe(service.displayName() + " did not start: " + e.getMessage());
            onFailure.accept(service.displayName() + " did not start: " + e.getMessage());
        }
    }

    public Database database() {
        return database;
    }

    public Cache cache() {
        return cache;
    }

    public EventBus eventBus() {
        return eventBus;
    }

    public ResponseCache responseCache() {
        return responseCache;
    }

    /** The embedded PostgreSQL, when this gateway runs one. */
    public Optional<EmbeddedPostgresService> postgres() {
        return postgres;
    }

    /** The embedded Redis, when this gateway runs one. */
    public Optional<EmbeddedRedisService> redis() {
        return redis;
    }

    /** The embedded servers, for the desktop's service list. */
    public List<ManagedService> services() {
        List<ManagedService> list = new ArrayList<>();
        postgres.ifPresent(list::add);
        redis.ifPresent(list::add);
        return list;
    }

    /** {@code database} and {@code cache}: UP, or DEGRADED with the reason (the gateway keeps serving). */
    public List<ReadinessCheck> readinessChecks() {
        return List.of(
                check("database", () -> database.status() == Database.Status.UP, database::message),
                check("cache", cache::isUp,
                        () -> cache.message() + " (rate limits are per instance, no response cache)"));
    }

    private static ReadinessCheck check(String name, java.util.function.BooleanSupplier up,
                                        java.util.function.Supplier<String> message) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return up.getAsBoolean() ? Result.up(message.get()) : Result.degraded(message.get());
            }
        };
    }

    private void stopEmbedded() {
        redis.ifPresent(StoreFeature::stopQuietly);
        postgres.ifPresent(StoreFeature::stopQuietly);
    }

    private static void stopQuietly(ManagedService service) {
        try {
            service.stop();
        } catch (Exception e) {
            LOG.warning("Stopping " + service.displayName() + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        starter.shutdownNow();
        eventBus.close();
        cache.close();
        database.close();
        stopEmbedded();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // already shutting down, or never added
        }
    }
}
