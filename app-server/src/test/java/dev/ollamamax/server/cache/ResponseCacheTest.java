package dev.ollamamax.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.server.usage.UsageFeature;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code CACHE_RESPONSES=true}: a repeated deterministic request is answered from Redis without reaching
 * the node (the node's own request log proves it), marked as a hit, counted in /metrics and in usage; other
 * requests always reach the node; deleting the model drops its answers.
 */
class ResponseCacheTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("cachy").reply("cachy", List.of("always", " the", " same"));
        gw = TestGateway.start(home, Map.of(Setting.CACHE_RESPONSES, "true"), node);
        TestGateways.awaitStores(gw.gateway(), true, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    static long generations() {
        return node.requests().stream().filter(r -> r.path().equals("/api/chat") || r.path().equals("/api/generate")).count();
    }

    @Test
    void aRepeatedDeterministicChatCompletionIsServedWithoutTheNode() {
        String body = "{\"model\":\"cachy\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"openai once\"}]}";
        long before = generations();
        HttpResponse<String> first = gw.post("/v1/chat/completions", body);
        assertThat(first.headers().firstValue(AnswerCache.HEADER)).hasValue("miss");
        assertThat(generations()).isEqualTo(before + 1);
        HttpResponse<String> second = gw.post("/v1/chat/completions", body);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue(AnswerCache.HEADER)).hasValue("hit");
        assertThat(generations()).isEqualTo(before + 1);
        assertThat(gw.json(second.body()).at("/choices/0/message/content").asText()).isEqualTo("always the same");
        assertThat(gw.json(second.body()).at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(gw.get("/metrics").body()).containsPattern("ollamamax_cache_requests_total\\{result=\"hit\"} [1-9]");
    }

    @Test
    void anOllamaRequestWithAFixedSeedIsCachedAndAHitCountsInUsageAsCached() throws Exception {
        String body = "{\"model\":\"cachy\",\"prompt\":\"seeded\",\"stream\":false,\"options\":{\"seed\":7}}";
        long before = generations();
        gw.post("/api/generate", body);
        HttpResponse<String> hit = gw.post("/api/generate", body);
        assertThat(hit.headers().firstValue(AnswerCache.HEADER)).hasValue("hit");
        assertThat(hit.body()).contains("always the same");
        assertThat(generations()).isEqualTo(before + 1);
        assertThat(gw.gateway().feature(UsageFeature.class).orElseThrow().log().flush(Duration.ofSeconds(10))).isTrue();
        long cached = gw.gateway().feature(StoreFeature.class).orElseThrow().database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM usage_requests WHERE model = 'cachy' AND outcome = 'cached' AND endpoint = '/api/generate'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(cached).isGreaterThanOrEqualTo(1);
    }

    @Test
    void nonDeterministicAndStreamedRequestsAlwaysReachTheNode() {
        String sampled = "{\"model\":\"cachy\",\"temperature\":0.8,\"messages\":[{\"role\":\"user\",\"content\":\"creative\"}]}";
        long before = generations();
        HttpResponse<String> first = gw.post("/v1/chat/completions", sampled);
        gw.post("/v1/chat/completions", sampled);
        assertThat(first.headers().firstValue(AnswerCache.HEADER)).isEmpty();
        String streamed = "{\"model\":\"cachy\",\"temperature\":0,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"s\"}]}";
        gw.post("/v1/chat/completions", streamed);
        gw.post("/v1/chat/completions", streamed);
        assertThat(generations()).isEqualTo(before + 4);
    }

    @Test
    void deletingTheModelDropsItsCachedAnswers() {
        node.model("gone-soon");
        gw.probe();
        String body = "{\"model\":\"gone-soon\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        gw.post("/v1/chat/completions", body);
        assertThat(gw.post("/v1/chat/completions", body).headers().firstValue(AnswerCache.HEADER)).hasValue("hit");
        assertThat(gw.send("DELETE", "/api/delete", "{\"model\":\"gone-soon\"}").statusCode()).isEqualTo(200);
        node.model("gone-soon"); // pulled again, say
        gw.probe();
        long before = generations();
        HttpResponse<String> after = gw.post("/v1/chat/completions", body);
        assertThat(after.headers().firstValue(AnswerCache.HEADER)).hasValue("miss");
        assertThat(generations()).isEqualTo(before + 1);
    }
}
