package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.WhoAmIFeature;
import dev.ollamamax.server.store.DatabaseUrl;
import dev.ollamamax.server.store.EmbeddedPostgresService;
import dev.ollamamax.server.store.EmbeddedRedisService;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.SteppingClock;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway instances on one PostgreSQL and one Redis, as when scaled out. */
class SharedStoresTest {

    static final String SECRET = "a shared secret of more than thirty-two bytes, for two gateways";

    @TempDir
    static Path storesHome;
    @TempDir
    static Path homeA;
    @TempDir
    static Path homeB;

    static EmbeddedPostgresService postgres;
    static EmbeddedRedisService redis;
    static Gateway a;
    static Gateway b;

    @BeforeAll
    static void start() throws Exception {
        postgres = new EmbeddedPostgresService(storesHome, 0);
        redis = new EmbeddedRedisService(storesHome, 0);
        postgres.start();
        redis.start();
        DatabaseUrl db = postgres.url().orElseThrow();
        String jdbc = db.jdbcUrl() + "?user=postgres&password=" + db.password().orElseThrow();
        a = gateway(homeA, jdbc);
        b = gateway(homeB, jdbc);
        TestGateways.awaitStores(a, true, Duration.ofSeconds(60));
        TestGateways.awaitStores(b, true, Duration.ofSeconds(60));
    }

    /** Both instances' clock: the rate-limit test moves it to the start of a minute instead of waiting for one. */
    static final SteppingClock CLOCK = new SteppingClock();

    static Gateway gateway(Path home, String jdbc) {
        return TestGateways.start(TestGateways.config(home)
                .set(Setting.DATABASE_URL, jdbc)
                .set(Setting.REDIS_URL, redis.endpoint().orElseThrow().url())
                .set(Setting.JWT_SECRET, SECRET)
                .set(Setting.RATE_LIMIT_PER_MINUTE, "5")
                .build(), CLOCK, ctx -> List.of(new WhoAmIFeature(ctx)));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
        redis.stop();
        postgres.stop();
    }

    static String url(Gateway g, String path) {
        return TestGateways.url(g, Listener.PRIMARY, path);
    }

    @Test
    void neitherInstanceRunsItsOwnServersWhenGivenUrls() {
        assertThat(a.feature(StoreFeature.class).orElseThrow().services()).isEmpty();
        assertThat(homeA.resolve("postgres")).doesNotExist();
    }

    @Test
    void theRateLimitIsSharedByBothInstances() throws Exception {
        JsonNode user = TestAccounts.user(a, "busy", "busy password");
        String key = post(url(a, "/auth/keys"), json("name", "shared"), "Authorization",
                "Bearer " + user.get("access_token").asText()).json().get("key").asText();
        CLOCK.forwardToSecond(1); // the per-minute window cannot roll over during the next 59 s
        for (int i = 0; i < 5; i++) {
            Gateway g = i % 2 == 0 ? a : b;
            Response r = get(url(g, "/v1/whoami"), "x-api-key", key);
            assertThat(r.status()).as("request " + (i + 1) + ": " + r.body()).isEqualTo(200);
        }
        for (Gateway g : new Gateway[] {a, b}) {
            Response refused = get(url(g, "/v1/whoami"), "x-api-key", key);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(refused.json().at("/error/message").asText()).contains("5 requests per minute");
        }
    }

    @Test
    void aTokenFromOneInstanceWorksOnTheOtherAndLogoutOnOneEndsItOnBoth() {
        JsonNode tokens = TestAccounts.user(a, "roamer", "roaming password");
        String access = "Bearer " + tokens.get("access_token").asText();
        assertThat(get(url(b, "/auth/me"), "Authorization", access).json().get("username").asText()).isEqualTo("roamer");
        for (Listener listener : Listener.values()) {
            assertThat(get(TestGateways.url(b, listener, "/api/whoami"), "Authorization", access).status()).isEqualTo(200);
        }
        assertThat(post(url(b, "/auth/logout"), json("refresh_token", tokens.get("refresh_token").asText())).status())
                .isEqualTo(204);
        Response onA = get(url(a, "/api/whoami"), "Authorization", access);
        assertThat(onA.status()).isEqualTo(401);
        assertThat(onA.json().get("error").asText()).contains("logged out");
    }

    @Test
    void eventsReachTheOtherInstance() throws Exception {
        StoreFeature storeA = a.feature(StoreFeature.class).orElseThrow();
        StoreFeature storeB = b.feature(StoreFeature.class).orElseThrow();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(storeA.eventBus().connected() && storeB.eventBus().connected()) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        CompletableFuture<String> received = new CompletableFuture<>();
        try (AutoCloseable sub = storeB.eventBus().subscribe("test.topic", received::complete)) {
            storeA.eventBus().publish("test.topic", "{\"hello\":\"from A\"}");
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("{\"hello\":\"from A\"}");
        }
    }
}
