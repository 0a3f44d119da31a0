package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestAccounts.bearer;
import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.post;
import static dev.ollamamax.server.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoped API keys (issue 10, item 8): a key manages keys only with the {@code keys} scope, may be limited to
 * models, to requests per minute and in time, and the user's limit holds across all their keys.
 */
class ScopedKeysTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("llama3.2").model("phi3").reply("llama3.2", List.of("ok"));
        gw = TestGateway.start(home, Map.of(Setting.AUTH_ENABLED, "true", Setting.RATE_LIMIT_PER_MINUTE, "6"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    static String url(String path) {
        return gw.uri(path).toString();
    }

    static JsonNode newUser() {
        return TestAccounts.user(gw.gateway(), "k" + System.nanoTime() % 10_000_000, "a key owner's password");
    }

    static JsonNode key(JsonNode owner, String body) {
        Response r = post(url("/auth/keys"), body, "Authorization", bearer(owner));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void aKeyWithoutTheKeysScopeCannotCreateKeysAndOneWithItCan() {
        JsonNode owner = newUser();
        JsonNode plain = key(owner, "{\"name\":\"plain\"}");
        assertThat(plain.get("scopes")).isEmpty();
        Response refused = post(url("/auth/keys"), "{\"name\":\"child\"}", "x-api-key", plain.get("key").asText());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("'keys' scope");
        assertThat(get(url("/auth/keys"), "x-api-key", plain.get("key").asText()).status()).isEqualTo(403);

        JsonNode manager = key(owner, "{\"name\":\"manager\",\"scopes\":[\"keys\"]}");
        Response child = post(url("/auth/keys"), "{\"name\":\"child\"}", "x-api-key", manager.get("key").asText());
        assertThat(child.status()).isEqualTo(201);
    }

    @Test
    void createdKeysCarryTheAgreedFields() {
        JsonNode k = key(newUser(), "{\"name\":\"full\",\"scopes\":[\"keys\"],\"models\":[\"llama3.2\"],"
                + "\"requests_per_minute\":5,\"tokens_per_minute\":1000,\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertThat(k.fieldNames()).toIterable().containsExactly("id", "name", "prefix", "scopes", "models",
                "requests_per_minute", "tokens_per_minute", "expires_at", "created_at", "last_used_at", "revoked_at", "key");
        assertThat(k.get("models").get(0).asText()).isEqualTo("llama3.2:latest");
        assertThat(k.get("requests_per_minute").asInt()).isEqualTo(5);
        assertThat(k.get("tokens_per_minute").asInt()).isEqualTo(1000);
        assertThat(k.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(post(url("/auth/keys"), "{\"scopes\":[\"root\"]}", "Authorization", "Bearer " + k.get("key").asText())
                .status()).isEqualTo(400);
    }

    @Test
    void aKeyLimitedToAModelIsRefusedOtherModelsInEveryProtocol() {
        JsonNode owner = newUser();
        String key = key(owner, "{\"name\":\"narrow\",\"models\":[\"llama3.2\"]}").get("key").asText();
        Response ollama = post(url("/api/generate"), "{\"model\":\"phi3\",\"prompt\":\"x\",\"stream\":false}", "x-api-key", key);
        assertThat(ollama.status()).isEqualTo(403);
        assertThat(ollama.json().get("error").asText()).contains("'phi3'").contains("llama3.2");
        Response openai = post(url("/v1/chat/completions"),
                "{\"model\":\"phi3\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "Authorization", "Bearer " + key);
        assertThat(openai.status()).isEqualTo(403);
        assertThat(openai.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(openai.json().at("/error/message").asText()).contains("'phi3'");
        Response allowed = post(url("/api/generate"), "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"stream\":false}",
                "x-api-key", key);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void aKeyCreatedByAKeyGetsNoMoreThanItsCreator() {
        JsonNode owner = newUser();
        String narrow = key(owner, "{\"models\":[\"llama3.2\"],\"scopes\":[\"keys\"]}").get("key").asText();
        Response wider = post(url("/auth/keys"), "{\"name\":\"wider\"}", "x-api-key", narrow);
        assertThat(wider.status()).isEqualTo(403);
        assertThat(post(url("/auth/keys"), "{\"models\":[\"llama3.2\"]}", "x-api-key", narrow).status()).isEqualTo(201);
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        JsonNode owner = newUser();
        Instant soon = Instant.now().plusSeconds(2);
        String key = key(owner, "{\"expires_at\":\"" + soon + "\"}").get("key").asText();
        assertThat(get(url("/api/tags"), "x-api-key", key).status()).isEqualTo(200);
        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 200);
        Response r = get(url("/api/tags"), "x-api-key", key);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).contains("expired");
    }

    @Test
    void theUsersLimitHoldsAcrossAllTheirKeysAndAKeyHasItsOwn() throws Exception {
        awaitFreshMinute();
        JsonNode owner = newUser();
        String first = key(owner, "{\"name\":\"one\"}").get("key").asText();
        String second = key(owner, "{\"name\":\"two\"}").get("key").asText();
        for (int i = 0; i < 6; i++) {
            Response r = get(url("/api/tags"), "x-api-key", i % 2 == 0 ? first : second);
            assertThat(r.status()).as("request " + (i + 1)).isEqualTo(200);
        }
        for (String k : List.of(first, second)) {
            Response refused = get(url("/api/tags"), "x-api-key", k);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            assertThat(refused.json().get("error").asText()).contains("6 requests per minute for this user");
        }

        JsonNode other = newUser();
        String slow = key(other, "{\"requests_per_minute\":2}").get("key").asText();
        assertThat(get(url("/api/tags"), "x-api-key", slow).status()).isEqualTo(200);
        assertThat(get(url("/api/tags"), "x-api-key", slow).header("X-RateLimit-Limit-Requests")).hasValue("2");
        Response third = get(url("/api/tags"), "x-api-key", slow);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("error").asText()).contains("2 requests per minute for this API key");
        assertThat(get(url("/api/tags"), "Authorization", bearer(other)).status())
                .as("the user's own token is still under the user's limit").isEqualTo(200);
    }

    static void awaitFreshMinute() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
    }

    @Test
    void keysAreListedWithTheirLimitsAndRevokedWithDelete() {
        JsonNode owner = newUser();
        long id = key(owner, "{\"name\":\"listed\",\"requests_per_minute\":7}").get("id").asLong();
        Response list = get(url("/auth/keys"), "Authorization", bearer(owner));
        JsonNode listed = list.json().at("/keys/0");
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.get("requests_per_minute").asInt()).isEqualTo(7);
        assertThat(send("DELETE", url("/auth/keys/" + id), null, "Authorization", bearer(owner)).status()).isEqualTo(204);
    }
}
