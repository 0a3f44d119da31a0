package dev.ollamamax.server.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MODEL_ALIASES}: a request for an alias is served by the first model of its list some healthy node
 * has, else the next, on {@code /v1} and {@code /api} alike; the answer names the model used.
 */
class AliasFallbackTest {

    @TempDir
    Path home;
    FakeOllama big;
    FakeOllama small;
    TestGateway gw;

    @BeforeEach
    void start() {
        big = FakeOllama.start().model("bigcoder:32b");
        small = FakeOllama.start().model("smallcoder:7b");
        gw = TestGateway.start(home, Map.of(Setting.MODEL_ALIASES, "coder = bigcoder:32b, smallcoder:7b; fast=smallcoder:7b"),
                big, small);
    }

    @AfterEach
    void stop() {
        gw.close();
        big.close();
        small.close();
    }

    @Test
    void anAliasIsServedByItsFirstModelWhileANodeCanServeIt() {
        HttpResponse<String> res = gw.post("/v1/chat/completions", """
                {"model":"coder","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = gw.json(res.body());
        assertThat(body.path("model").asText()).isEqualTo("bigcoder:32b");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello from bigcoder:32b");
        assertThat(res.headers().firstValue("X-OllamaMax-Model")).hasValue("bigcoder:32b");
        assertThat(res.headers().firstValue("X-OllamaMax-Alias")).hasValue("coder");
        assertThat(big.requests()).anyMatch(r -> r.path().equals("/api/chat") && r.json().path("model").asText().equals("bigcoder:32b"));
    }

    @Test
    void anAliasFallsBackToTheNextModelWhenNoHealthyNodeServesTheFirstAndSaysSo() {
        big.stop();
        gw.probe();

        HttpResponse<String> openai = gw.post("/v1/chat/completions", """
                {"model":"coder","messages":[{"role":"user","content":"hi"}]}""");
        HttpResponse<String> ollama = gw.post("/api/chat", """
                {"model":"coder","stream":false,"messages":[{"role":"user","content":"hi"}]}""");
        HttpResponse<String> generate = gw.post("/api/generate", """
                {"model":"coder","prompt":"hi"}""");

        assertThat(openai.statusCode()).as(openai.body()).isEqualTo(200);
        assertThat(gw.json(openai.body()).path("model").asText()).isEqualTo("smallcoder:7b");
        assertThat(openai.headers().firstValue("X-OllamaMax-Model")).hasValue("smallcoder:7b");
        assertThat(gw.json(ollama.body()).path("model").asText()).isEqualTo("smallcoder:7b");
        assertThat(gw.json(ollama.body()).path("message").path("content").asText()).isEqualTo("Hello from smallcoder:7b");
        assertThat(ollama.headers().firstValue("X-OllamaMax-Model")).hasValue("smallcoder:7b");
        assertThat(generate.body().lines().findFirst().orElseThrow()).contains("\"model\":\"smallcoder:7b\"");
        assertThat(gw.get("/metrics").body())
                .containsPattern("ollamamax_alias_fallbacks_total\\{alias=\"coder\",model=\"smallcoder:7b\"} 3");
    }

    @Test
    void anAliasNoNodeCanServeIsA503NamingIt() {
        big.stop();
        small.stop();
        gw.probe();

        HttpResponse<String> res = gw.post("/v1/chat/completions", """
                {"model":"coder","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(gw.json(res.body()).path("error").path("message").asText()).contains("coder").contains("bigcoder:32b");
    }

    @Test
    void aliasesAreListedInBothProtocols() {
        JsonNode models = gw.json(gw.get("/v1/models").body()).path("data");
        JsonNode tags = gw.json(gw.get("/api/tags").body()).path("models");

        assertThat(models).anySatisfy(m -> {
            assertThat(m.path("id").asText()).isEqualTo("coder");
            assertThat(m.path("owned_by").asText()).isEqualTo("ollamamax-alias");
        });
        assertThat(gw.json(gw.get("/v1/models/coder").body()).path("id").asText()).isEqualTo("coder");
        assertThat(tags).anySatisfy(t -> {
            assertThat(t.path("name").asText()).isEqualTo("fast");
            assertThat(t.path("ollamamax_alias_of").get(0).asText()).isEqualTo("smallcoder:7b");
        });
    }

    @Test
    void embeddingsAndResponsesResolveAliasesToo() {
        HttpResponse<String> embed = gw.post("/v1/embeddings", "{\"model\":\"fast\",\"input\":\"hi\",\"encoding_format\":\"float\"}");
        HttpResponse<String> responses = gw.post("/v1/responses", "{\"model\":\"fast\",\"input\":\"hi\"}");

        assertThat(gw.json(embed.body()).path("model").asText()).isEqualTo("smallcoder:7b");
        assertThat(gw.json(responses.body()).path("model").asText()).isEqualTo("smallcoder:7b");
        assertThat(responses.headers().firstValue("X-OllamaMax-Model")).hasValue("smallcoder:7b");
    }
}
