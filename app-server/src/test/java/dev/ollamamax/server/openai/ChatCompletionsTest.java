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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCompletionsTest {

    @TempDir
    Path home;

    @Test
    void answersWholeWithUsageAndStopReason() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("Hi", " there", "!"));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/chat/completions", """
                    {"model":"llama3","messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"say hi now"}]}""");

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode body = gw.json(res);
            assertThat(body.path("id").asText()).startsWith("chatcmpl-");
            assertThat(body.path("object").asText()).isEqualTo("chat.completion");
            assertThat(body.path("model").asText()).isEqualTo("llama3");
            assertThat(body.path("created").asLong()).isGreaterThan(1_600_000_000L);
            assertThat(body.has("system_fingerprint")).isTrue();
            JsonNode choice = body.path("choices").get(0);
            assertThat(choice.path("index").asInt()).isZero();
            assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
            assertThat(choice.path("message").path("content").asText()).isEqualTo("Hi there!");
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            JsonNode usage = body.path("usage");
            assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(5); // the fake counts words
            assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
            assertThat(usage.path("total_tokens").asInt()).isEqualTo(8);
        }
    }

    @Test
    void reportsLengthWhenMaxTokensCutsTheAnswer() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("a", "b", "c", "d"));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/chat/completions", """
                    {"model":"llama3","max_tokens":2,"messages":[{"role":"user","content":"go"}]}""");

            JsonNode body = gw.json(res);
            assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("ab");
            assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
            assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
        }
    }

    @Test
    void translatesParametersToOllamaOptions() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/chat/completions", """
                    {"model":"llama3","temperature":0.2,"top_p":0.9,"max_completion_tokens":50,"seed":7,
                     "stop":"END","frequency_penalty":0.5,"presence_penalty":0.25,
                     "response_format":{"type":"json_object"},
                     "messages":[{"role":"developer","content":"sys"},
                                 {"role":"user","content":[{"type":"text","text":"what is"},{"type":"text","text":"this?"},
                                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""");

            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode sent = lastRequest(node, "/api/chat");
            assertThat(sent.path("stream").asBoolean(true)).isFalse();
            JsonNode options = sent.path("options");
            assertThat(options.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(options.path("top_p").asDouble()).isEqualTo(0.9);
            assertThat(options.path("num_predict").asInt()).isEqualTo(50);
            assertThat(options.path("seed").asInt()).isEqualTo(7);
            assertThat(options.path("stop").get(0).asText()).isEqualTo("END");
            assertThat(options.path("frequency_penalty").asDouble()).isEqualTo(0.5);
            assertThat(options.path("presence_penalty").asDouble()).isEqualTo(0.25);
            assertThat(sent.path("format").asText()).isEqualTo("json");
            JsonNode messages = sent.path("messages");
            assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
            assertThat(messages.get(1).path("content").asText()).isEqualTo("what is\nthis?");
            assertThat(messages.get(1).path("images").get(0).asText()).isEqualTo("iVBORw0KGgo=");
        }
    }

    @Test
    void passesToolsThroughAndToolResultsBack() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/chat/completions", """
                    {"model":"llama3","tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}],
                     "messages":[{"role":"user","content":"weather in Paris?"},
                       {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                         "function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                       {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}""");

            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode sent = lastRequest(node, "/api/chat");
            assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("weather");
            JsonNode call = sent.path("messages").get(1).path("tool_calls").get(0).path("function");
            assertThat(call.path("arguments").path("city").asText()).isEqualTo("Paris");
            assertThat(sent.path("messages").get(2).path("tool_name").asText()).isEqualTo("weather");
        }
    }

    @Test
    void streamsEachTokenAsItArrivesAndEndsWithDone() throws Exception {
        List<String> tokens = List.of("one", " two", " three", " four", " five");
        try (FakeOllama node = FakeOllama.start().reply("llama3", tokens).tokenDelay(Duration.ofMillis(300));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<InputStream> res = gw.postStreaming("/v1/chat/completions", """
                    {"model":"llama3","stream":true,"messages":[{"role":"user","content":"count"}]}""");

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-cache");
            try (SseEvents events = SseEvents.of(res)) {
                JsonNode role = gw.json(events.next().orElseThrow());
                assertThat(role.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(role.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
                JsonNode first = gw.json(events.next().orElseThrow());
                assertThat(first.path("choices").get(0).path("delta").path("content").asText()).isEqualTo("one");
                assertThat(node.inFlight()).as("the node is still answering when the first token reached the client").isEqualTo(1);

                List<String> rest = events.rest();
                assertThat(rest.getLast()).isEqualTo("[DONE]");
                StringBuilder text = new StringBuilder("one");
                String finish = null;
                for (String data : rest.subList(0, rest.size() - 1)) {
                    JsonNode chunk = gw.json(data);
                    assertThat(chunk.path("id").asText()).isEqualTo(role.path("id").asText());
                    JsonNode c = chunk.path("choices").get(0);
                    text.append(c.path("delta").path("content").asText(""));
                    if (!c.path("finish_reason").isNull()) {
                        finish = c.path("finish_reason").asText();
                    }
                    assertThat(chunk.has("usage")).isFalse();
                }
                assertThat(text.toString()).isEqualTo("one two three four five");
                assertThat(finish).isEqualTo("stop");
            }
        }
    }

    @Test
    void endsTheStreamWithUsageWhenAsked() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("a", "b", "c"));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<InputStream> res = gw.postStreaming("/v1/chat/completions", """
                    {"model":"llama3","stream":true,"stream_options":{"include_usage":true},"max_tokens":2,
                     "messages":[{"role":"user","content":"one two"}]}""");

            List<String> events;
            try (SseEvents e = SseEvents.of(res)) {
                events = e.rest();
            }
            assertThat(events.getLast()).isEqualTo("[DONE]");
            JsonNode usageChunk = gw.json(events.get(events.size() - 2));
            assertThat(usageChunk.path("choices")).isEmpty();
            assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
            assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
            assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isEqualTo(4);
            JsonNode finish = gw.json(events.get(events.size() - 3));
            assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
            assertThat(finish.path("usage").isNull()).isTrue();
        }
    }

    @Test
    void countsTokensOfWholeAndStreamedAnswersInMetrics() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("a", "b", "c"));
             TestGateway gw = TestGateway.start(home, node)) {
            gw.post("/v1/chat/completions", """
                    {"model":"llama3","messages":[{"role":"user","content":"one two"}]}""");
            gw.post("/v1/chat/completions", """
                    {"model":"llama3","stream":true,"messages":[{"role":"user","content":"one two"}]}""");
            gw.post("/v1/completions", """
                    {"model":"llama3","stream":true,"prompt":"one two"}""");

            String metrics = gw.get("/metrics").body();

            assertThat(metrics).containsPattern("ollamamax_tokens_generated_total\\{[^}]*model=\"llama3\"[^}]*} 9\\.0");
            assertThat(metrics).containsPattern("ollamamax_tokens_prompt_total\\{[^}]*model=\"llama3\"[^}]*} 6\\.0");
        }
    }

    static JsonNode lastRequest(FakeOllama node, String path) {
        List<RecordedRequest> matching = new ArrayList<>(node.requests().stream().filter(r -> r.path().equals(path)).toList());
        assertThat(matching).as("requests to " + path).isNotEmpty();
        return matching.getLast().json();
    }
}
