package dev.ollamamax.server.store;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stopped and restarted, Redis killed: the gateway degrades, keeps serving, recovers by itself. */
class DegradedStoresTest {

    @TempDir
    static Path home;

    static Gateway gateway;
    static StoreFeature store;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config(home).build(), ctx -> List.of(new WhoAmIFeature(ctx)));
        TestGateways.awaitStores(gateway, true, Duration.ofSeconds(90));
        store = gateway.feature(StoreFeature.class).orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    @Test
    void restartingTheDatabaseLosesNothingAndAuthSays503Meanwhile() throws Exception {
        JsonNode tokens = TestAccounts.user(gateway, "keeper", "kept password");
        String key = post(url("/auth/keys"), json("name", "k"), "Authorization", "Bearer " + tokens.get("access_token").asText())
                .json().get("key").asText();

        store.postgres().orElseThrow().stop();

        Response login = post(url("/auth/login"), json("username", "keeper", "password", "kept password"));
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.json().get("error").asText()).startsWith("database unavailable");
        Response withKey = get(url("/v1/whoami"), "Authorization", "Bearer " + key);
        assertThat(withKey.status()).isEqualTo(503);
        assertThat(withKey.json().at("/error/message").asText()).contains("cannot check API keys");
        Response withJwt = get(url("/v1/whoami"), "Authorization", "Bearer " + tokens.get("access_token").asText());
        assertThat(withJwt.status()).as("JWTs need no database").isEqualTo(200);
        await(() -> get(url("/health/ready")).json().at("/checks/database/status").asText().equals("DEGRADED"));
        Response ready = get(url("/health/ready"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("DEGRADED");

        store.postgres().orElseThrow().start();
        await(() -> store.database().status() == Database.Status.UP);

        assertThat(post(url("/auth/login"), json("username", "keeper", "password", "kept password")).status())
                .isEqualTo(200);
        assertThat(get(url("/v1/whoami"), "Authorization", "Bearer " + key).json().get("user").asText())
                .isEqualTo("keeper");
    }

    @Test
    void killingRedisDegradesReadinessButRequestsAreStillServedAndItComesBack() throws Exception {
        String access = TestAccounts.admin(gateway, "cachefan", "cache password")
                .get("access_token").asText();
        EmbeddedRedisService redis = store.redis().orElseThrow();
        ProcessHandle process = ProcessHandle.of(redis.pid().orElseThrow()).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        await(() -> !store.cache().isUp());
        Response ready = get(url("/health/ready"), "Authorization", "Bearer " + access);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(ready.json().at("/checks/cache/message").asText()).contains("rate limits are per instance");
        Response served = get(url("/v1/whoami"), "Authorization", "Bearer " + access);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("X-RateLimit-Remaining-Requests")).isPresent();

        redis.restart();
        await(() -> store.cache().isUp());
        assertThat(get(url("/health/ready")).json().at("/checks/cache/status").asText()).isEqualTo("UP");
    }

    /**
     * Issue 10: a logout while Redis was down used to be recorded nowhere the other instances look. The
     * revocation is in PostgreSQL first; an instance that cannot ask Redis asks PostgreSQL.
     */
    @Test
    void aLogoutWhileRedisIsDownIsHonouredByAnotherInstanceThroughPostgres() throws Exception {
        JsonNode tokens = TestAccounts.user(gateway, "leaver", "leaving password");
        String access = "Bearer " + tokens.get("access_token").asText();
        var db = store.postgres().orElseThrow().url().orElseThrow();
        EmbeddedRedisService redis = store.redis().orElseThrow();
        String redisUrl = redis.endpoint().orElseThrow().url();
        String secret = java.nio.file.Files.readString(home.resolve("jwt-secret")).strip();
        try (Gateway other = TestGateways.start(TestGateways.config(home.resolve("other"))
                .set(dev.ollamamax.shared.config.Setting.DATABASE_URL,
                        db.jdbcUrl() + "?user=postgres&password=" + db.password().orElseThrow())
                .set(dev.ollamamax.shared.config.Setting.REDIS_URL, redisUrl)
                .set(dev.ollamamax.shared.config.Setting.JWT_SECRET, secret)
                .build(), ctx -> List.of(new WhoAmIFeature(ctx)))) {
            TestGateways.awaitStores(other, true, Duration.ofSeconds(30));
            String otherUrl = TestGateways.url(other, Listener.PRIMARY, "/v1/whoami");
            assertThat(get(otherUrl, "Authorization", access).status()).isEqualTo(200);

            ProcessHandle process = ProcessHandle.of(redis.pid().orElseThrow()).orElseThrow();
            process.destroyForcibly();
            process.onExit().get();
            StoreFeature otherStore = other.feature(StoreFeature.class).orElseThrow();
            await(() -> !store.cache().isUp() && !otherStore.cache().isUp());

            assertThat(post(url("/auth/logout"), json("refresh_token", tokens.get("refresh_token").asText())).status())
                    .isEqualTo(204);
            Response onOther = get(otherUrl, "Authorization", access);
            assertThat(onOther.status()).as(onOther.body()).isEqualTo(401);
            assertThat(onOther.json().at("/error/message").asText()).contains("logged out");
        } finally {
            redis.restart();
            await(() -> store.cache().isUp());
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
