package dev.ollamamax.server.usage;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SharedStores;
import dev.ollamamax.shared.config.Setting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage accounting end to end: real requests on /v1, /api and /chat with auth on, the node's own token
 * counts (the fake counts prompt words and sends one token per reply piece), read back on /auth/usage.
 */
class UsageAccountingTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static Gateway gateway;
    static String adminToken;

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("tiny").reply("tiny", List.of("one", " two", " three")).model("other");
        gateway = TestGateways.start(TestGateways.config(home)
                .set(Setting.OLLAMA_NODES, node.url().toString())
                .set(Setting.DATABASE_URL, SharedStores.get().jdbcUrl())
                .set(Setting.REDIS_URL, SharedStores.get().redisUrl())
                .set(Setting.LOGIN_RATE_LIMIT_PER_MINUTE, "1000")
                .build(), ctx -> List.of());
        TestGateways.awaitStores(gateway, true, Duration.ofSeconds(90));
        adminToken = login(user("admin"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        node.close();
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    /** A fresh user with the given role (the shared database has users of other tests). */
    static String user(String role) throws Exception {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.feature(AuthFeature.class).orElseThrow().accounts()
                .addUser(name, "a long enough password", role, "test");
        return name;
    }

    static String login(String name) {
        Response r = post(url("/auth/login"), json("username", name, "password", "a long enough password"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    static UsageLog log() {
        return gateway.feature(UsageFeature.class).orElseThrow().log();
    }

    static JsonNode usage(String token, String path) throws Exception {
        assertThat(log().flush(Duration.ofSeconds(10))).isTrue();
        Response r = get(url(path), "Authorization", "Bearer " + token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("usage");
    }

    static JsonNode row(JsonNode rows, String model, boolean withKey) {
        return StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.get("model").asText().equals(model) && r.get("api_key_id").isNull() != withKey)
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + model + " in " + rows));
    }

    @Test
    void requestsWithAnApiKeyAndATokenAreCountedWithTheNodesOwnTokenCounts() throws Exception {
        String token = login(user("user"));
        Response key = post(url("/auth/keys"), json("name", "laptop"), "Authorization", "Bearer " + token);
        String apiKey = key.json().get("key").asText();
        // OpenAI, whole: 3 prompt words, 3 tokens
        Response whole = post(url("/v1/chat/completions"),
                "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"say three words\"}]}",
                "Authorization", "Bearer " + apiKey);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        // Ollama, streamed: 2 prompt words, 3 tokens
        Response streamed = post(url("/api/generate"), "{\"model\":\"tiny\",\"prompt\":\"two words\"}",
                "Authorization", "Bearer " + apiKey);
        assertThat(streamed.body()).contains("\"done\":true");
        // with the access token, not the key
        post(url("/api/chat"), "{\"model\":\"tiny\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + token);

        JsonNode rows = usage(token, "/auth/usage");
        JsonNode withKey = row(rows, "tiny", true);
        assertThat(withKey.get("requests").asLong()).isEqualTo(2);
        assertThat(withKey.get("prompt_tokens").asLong()).isEqualTo(5);
        assertThat(withKey.get("completion_tokens").asLong()).isEqualTo(6);
        assertThat(withKey.get("errors").asLong()).isZero();
        assertThat(withKey.get("key_name").asText()).isEqualTo("laptop");
        assertThat(withKey.get("avg_ttft_ms").isNumber()).isTrue();
        JsonNode withToken = row(rows, "tiny", false);
        assertThat(withToken.get("requests").asLong()).isEqualTo(1);
        assertThat(withToken.get("prompt_tokens").asLong()).isEqualTo(1);
        assertThat(withToken.get("completion_tokens").asLong()).isEqualTo(3);
        long keyId = key.json().get("id").asLong();
        long userId = gateway.feature(AuthFeature.class).orElseThrow().accounts().idOf(
                get(url("/auth/me"), "Authorization", "Bearer " + token).json().get("username").asText()).orElseThrow();
        assertThat(log().tokensLastMinute(userId, Optional.of(keyId))).isEqualTo(11);
        assertThat(log().tokensLastMinute(userId, Optional.empty())).isEqualTo(15);
    }

    @Test
    void aFailedRequestCountsAsAnErrorOfItsModel() throws Exception {
        String token = login(user("user"));
        node.failNext(dev.ollamamax.server.testing.Failure.ERROR_LINE_AFTER_FIRST_TOKEN);
        Response r = post(url("/api/generate"), "{\"model\":\"other\",\"prompt\":\"x\"}",
                "Authorization", "Bearer " + token);
        assertThat(r.body()).contains("\"error\"");
        JsonNode row = row(usage(token, "/auth/usage"), "other", false);
        assertThat(row.get("requests").asLong()).isEqualTo(1);
        assertThat(row.get("errors").asLong()).isEqualTo(1);
    }

    @Test
    void aChatGenerationIsCountedUnderItsUser() throws Exception {
        String token = login(user("user"));
        CompletableFuture<String> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + gateway.port(Listener.FALLBACK).orElseThrow() + "/chat?token=" + token),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String frame = text.toString();
                            text.setLength(0);
                            if (frame.contains("\"done\":true") || frame.contains("\"type\":\"error\"")) {
                                done.complete(frame);
                            }
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"inference\",\"id\":\"g1\",\"model\":\"tiny\",\"content\":\"hello there\"}", true).join();
        assertThat(done.get(10, TimeUnit.SECONDS)).contains("\"done\":true");
        ws.abort();
        JsonNode rows = usage(token, "/auth/usage");
        for (int i = 0; i < 50 && rows.isEmpty(); i++) { // reported just after the done frame went out
            Thread.sleep(100);
            rows = usage(token, "/auth/usage");
        }
        JsonNode row = row(rows, "tiny", false);
        assertThat(row.get("requests").asLong()).isEqualTo(1);
        assertThat(row.get("prompt_tokens").asLong()).isEqualTo(2);
        assertThat(row.get("completion_tokens").asLong()).isEqualTo(3);
    }

    @Test
    void aResponsesRequestIsCountedWithTheNodesOwnTokenCountsStreamedOrNot() throws Exception {
        String token = login(user("user"));
        Response whole = post(url("/v1/responses"), "{\"model\":\"tiny\",\"input\":\"say three words\"}",
                "Authorization", "Bearer " + token);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        Response streamed = post(url("/v1/responses"), "{\"model\":\"tiny\",\"input\":\"two words\",\"stream\":true}",
                "Authorization", "Bearer " + token);
        assertThat(streamed.body()).contains("response.completed");
        JsonNode rows = usage(token, "/auth/usage");
        for (int i = 0; i < 50 && !rows.toString().contains("\"completion_tokens\":6"); i++) { // reported as each request ends
            Thread.sleep(100);
            rows = usage(token, "/auth/usage");
        }
        JsonNode row = row(rows, "tiny", false);
        assertThat(row.get("requests").asLong()).isEqualTo(2);
        assertThat(row.get("prompt_tokens").asLong()).isEqualTo(5);
        assertThat(row.get("completion_tokens").asLong()).isEqualTo(6);
    }

    @Test
    void onlyAdminsSeeEveryonesUsage() throws Exception {
        String token = login(user("user"));
        post(url("/api/generate"), "{\"model\":\"tiny\",\"prompt\":\"x\",\"stream\":false}", "Authorization", "Bearer " + token);
        Response refused = get(url("/auth/usage/all"), "Authorization", "Bearer " + token);
        assertThat(refused.status()).isEqualTo(403);
        JsonNode all = usage(adminToken, "/auth/usage/all");
        assertThat(all.toString()).contains("\"username\"");
        assertThat(get(url("/auth/usage?from=yesterday"), "Authorization", "Bearer " + token).status()).isEqualTo(400);
        assertThat(get(url("/auth/usage"), "Authorization", "Bearer nope").status()).isEqualTo(401);
    }

    @Test
    void tokensAreCountedAsPrometheusMetersByModel() throws Exception {
        String token = login(user("user"));
        post(url("/api/generate"), "{\"model\":\"tiny\",\"prompt\":\"x\",\"stream\":false}", "Authorization", "Bearer " + token);
        String metrics = get(url("/metrics")).body();
        assertThat(metrics).containsPattern("ollamamax_tokens_total\\{kind=\"completion\",model=\"tiny\"} [1-9]");
        assertThat(metrics).containsPattern("ollamamax_tokens_total\\{kind=\"prompt\",model=\"tiny\"} [1-9]");
    }
}
