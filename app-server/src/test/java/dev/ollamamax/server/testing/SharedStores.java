package dev.ollamamax.server.testing;

import dev.ollamamax.server.store.DatabaseUrl;
import dev.ollamamax.server.store.EmbeddedPostgresService;
import dev.ollamamax.server.store.EmbeddedRedisService;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real embedded PostgreSQL and one real embedded Redis per test JVM, started on first use and
 * stopped when the JVM exits. Gateways in tests that are not about storage point at them by URL
 * instead of each starting its own servers.
 */
public final class SharedStores {

    private static SharedStores instance;

    private final String jdbcUrl;
    private final String redisUrl;

    private SharedStores(String jdbcUrl, String redisUrl) {
        this.jdbcUrl = jdbcUrl;
        this.redisUrl = redisUrl;
    }

    public static synchronized SharedStores get() {
        if (instance == null) {
            try {
                Path home = Files.createTempDirectory("omx-shared-stores");
                EmbeddedPostgresService postgres = new EmbeddedPostgresService(home, 0);
                EmbeddedRedisService redis = new EmbeddedRedisService(home, 0);
                postgres.start();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    redis.stop();
                    postgres.stop();
                }, "shared-stores-stop"));
                DatabaseUrl db = postgres.url().orElseThrow();
                instance = new SharedStores(db.jdbcUrl() + "?user=postgres&password=" + db.password().orElseThrow(),
                        redis.endpoint().orElseThrow().url());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the shared test PostgreSQL/Redis: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String redisUrl() {
        return redisUrl;
    }
}
