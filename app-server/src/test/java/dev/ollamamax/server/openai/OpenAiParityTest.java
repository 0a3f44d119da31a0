package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.RecordedRequest;
import dev.ollamamax.server.testing.SseEvents;
import dev.ollamamax.server.testing.TestGateway;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity with current Ollama's OpenAI layer: reasoning effort as {@code think}, log probabilities passed
 * through (only to nodes new enough to honour them), token-array embeddings passed through, and every
 * parameter the gateway does not honour refused with a 400 that names it.
 */
class OpenAiParityTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        node = FakeOllama.start().reply("llama3", List.of("Hi", " there", "!")).version("0.13.5");
        gw = TestGateway.start(home, node);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    private static final String HI = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @ParameterizedTest(name = "{0} -> think {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "reasoning_effort":"high"             | "high"
            "reasoning_effort":"low"              | "low"
            "reasoning_effort":"none"             | false
            "reasoning_effort":"minimal"          | "low"
            "reasoning_effort":"xhigh"            | "max"
            "reasoning":{"effort":"medium"}       | "medium"
            "reasoning_effort":"low","reasoning":{"effort":"max"} | "max"
            """)
    void mapsReasoningEffortToThink(String field, String think) throws Exception {
        node.clearRequests();

        HttpResponse<String> res = gw.post("/v1/chat/completions", "{\"model\":\"llama3\"," + field + "," + HI + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(lastChat().path("think")).isEqualTo(gw.json(think));
    }

    @Test
    void refusesAnUnknownReasoningEffortNamingIt() throws Exception {
        HttpResponse<String> res = gw.post("/v1/chat/completions", "{\"model\":\"llama3\",\"reasoning_effort\":\"extreme\"," + HI + "}");

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(gw.json(res).path("error").path("param").asText()).isEqualTo("reasoning_effort");
    }

    @ParameterizedTest(name = "{0} {1} -> 400 naming {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /v1/chat/completions | {"model":"llama3","logit_bias":{"50256":-100},"messages":[{"role":"user","content":"hi"}]} | logit_bias
            /v1/chat/completions | {"model":"llama3","frobnicate":1,"messages":[{"role":"user","content":"hi"}]}               | frobnicate
            /v1/chat/completions | {"model":"llama3","store":true,"messages":[{"role":"user","content":"hi"}]}                 | store
            /v1/chat/completions | {"model":"llama3","parallel_tool_calls":false,"messages":[{"role":"user","content":"hi"}]}  | parallel_tool_calls
            /v1/chat/completions | {"model":"llama3","user":42,"messages":[{"role":"user","content":"hi"}]}                    | user
            /v1/completions      | {"model":"llama3","prompt":"hi","logit_bias":{}}                                            | logit_bias
            /v1/embeddings       | {"model":"llama3","input":"hi","frobnicate":true}                                           | frobnicate
            """)
    void refusesAParameterItDoesNotHonourNamingIt(String path, String body, String param) throws Exception {
        node.clearRequests();

        HttpResponse<String> res = gw.post(path, body);

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = gw.json(res).path("error");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("message").asText()).contains(param);
        assertThat(node.requests()).noneMatch(r -> r.path().startsWith("/api/chat") || r.path().startsWith("/api/generate")
                || r.path().startsWith("/api/embed"));
    }

    @Test
    void acceptsTheValuesItAlreadyDelivers() throws Exception {
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"llama3\",\"store\":false,\"parallel_tool_calls\":true,\"user\":\"u-1\",\"metadata\":null," + HI + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    @Test
    void passesChatLogprobsThroughWholeAndStreamed() throws Exception {
        node.clearRequests();
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"llama3\",\"logprobs\":true,\"top_logprobs\":2," + HI + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(lastChat().path("logprobs").asBoolean()).isTrue();
        assertThat(lastChat().path("top_logprobs").asInt()).isEqualTo(2);
        JsonNode content = gw.json(res).path("choices").get(0).path("logprobs").path("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(1).path("token").asText()).isEqualTo(" there");
        assertThat(content.get(1).path("logprob").asDouble()).isEqualTo(-0.2);
        assertThat(content.get(1).path("top_logprobs")).hasSize(2);
        assertThat(content.get(1).path("bytes").isArray()).isTrue();

        HttpResponse<InputStream> stream = gw.postStreaming("/v1/chat/completions",
                "{\"model\":\"llama3\",\"stream\":true,\"logprobs\":true," + HI + "}");
        List<String> tokens = new ArrayList<>();
        try (SseEvents events = SseEvents.of(stream)) {
            for (String e : events.rest()) {
                if (!e.equals("[DONE]")) {
                    gw.json(e).path("choices").path(0).path("logprobs").path("content")
                            .forEach(t -> tokens.add(t.path("token").asText()));
                }
            }
        }
        assertThat(tokens).containsExactly("Hi", " there", "!");
    }

    @Test
    void passesCompletionLogprobsThroughInTheLegacyShape() throws Exception {
        HttpResponse<String> res = gw.post("/v1/completions", "{\"model\":\"llama3\",\"prompt\":\"hi\",\"logprobs\":2}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode logprobs = gw.json(res).path("choices").get(0).path("logprobs");
        assertThat(logprobs.path("tokens")).extracting(JsonNode::asText).containsExactly("Hi", " there", "!");
        assertThat(logprobs.path("token_logprobs").get(0).asDouble()).isEqualTo(-0.1);
        assertThat(logprobs.path("text_offset")).extracting(JsonNode::asInt).containsExactly(0, 2, 8);
        assertThat(logprobs.path("top_logprobs").get(0).has("alt1")).isTrue();
    }

    @Test
    void refusesLogprobsWhenNoNodeIsNewEnoughNamingItsVersion() throws Exception {
        try (FakeOllama old = FakeOllama.start().model("oldie").version("0.12.3");
             TestGateway gw2 = TestGateway.start(home.resolve("old"), old)) {
            HttpResponse<String> res = gw2.post("/v1/chat/completions",
                    "{\"model\":\"oldie\",\"logprobs\":true," + HI + "}");

            assertThat(res.statusCode()).isEqualTo(400);
            JsonNode error = gw2.json(res).path("error");
            assertThat(error.path("param").asText()).isEqualTo("logprobs");
            assertThat(error.path("message").asText()).contains("0.12.3").contains("0.12.11");
            assertThat(old.requests()).noneMatch(r -> r.path().equals("/api/chat"));
        }
    }

    @Test
    void passesTokenArraysToTheNodeAndRelaysItsRefusalAsA400NamingInput() throws Exception {
        node.clearRequests();

        HttpResponse<String> one = gw.post("/v1/embeddings", "{\"model\":\"llama3\",\"input\":[15339,1917]}");
        HttpResponse<String> many = gw.post("/v1/embeddings", "{\"model\":\"llama3\",\"input\":[[15339],[1917,0]]}");

        List<JsonNode> sent = node.requests().stream().filter(r -> r.path().equals("/api/embed"))
                .map(RecordedRequest::json).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).path("input")).isEqualTo(gw.json("[[15339,1917]]"));
        assertThat(sent.get(1).path("input")).isEqualTo(gw.json("[[15339],[1917,0]]"));
        // Ollama's /api/embed takes text only, and says so
        for (HttpResponse<String> res : List.of(one, many)) {
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(gw.json(res).path("error").path("param").asText()).isEqualTo("input");
            assertThat(gw.json(res).path("error").path("message").asText()).contains("invalid input type");
        }
    }

    @Test
    void refusesMalformedTokenArrays() throws Exception {
        HttpResponse<String> res = gw.post("/v1/embeddings", "{\"model\":\"llama3\",\"input\":[1,\"two\"]}");

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(gw.json(res).path("error").path("param").asText()).isEqualTo("input");
    }

    private JsonNode lastChat() {
        List<RecordedRequest> chats = node.requests().stream().filter(r -> r.path().equals("/api/chat")).toList();
        assertThat(chats).isNotEmpty();
        return chats.getLast().json();
    }
}
