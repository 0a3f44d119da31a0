package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SseEvents;
import dev.ollamamax.server.testing.TestGateway;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionsTest {

    @TempDir
    Path home;

    @Test
    void completesAPromptWithUsage() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("is", " blue"));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/completions", """
                    {"model":"llama3","prompt":["The sky"],"suffix":".","max_tokens":10,"temperature":0}""");

            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = gw.json(res);
            assertThat(body.path("id").asText()).startsWith("cmpl-");
            assertThat(body.path("object").asText()).isEqualTo("text_completion");
            JsonNode choice = body.path("choices").get(0);
            assertThat(choice.path("text").asText()).isEqualTo("is blue");
            assertThat(choice.path("index").asInt()).isZero();
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
            assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
            JsonNode sent = ChatCompletionsTest.lastRequest(node, "/api/generate");
            assertThat(sent.path("prompt").asText()).isEqualTo("The sky");
            assertThat(sent.path("suffix").asText()).isEqualTo(".");
            assertThat(sent.path("options").path("num_predict").asInt()).isEqualTo(10);
            assertThat(sent.path("options").path("temperature").asInt()).isZero();
        }
    }

    @Test
    void streamsTextChunksThenFinishUsageAndDone() throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("a", "b", "c"));
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<InputStream> res = gw.postStreaming("/v1/completions", """
                    {"model":"llama3","prompt":"x","stream":true,"max_tokens":2,"stream_options":{"include_usage":true}}""");

            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            List<String> events;
            try (SseEvents e = SseEvents.of(res)) {
                events = e.rest();
            }
            assertThat(events).hasSize(5);
            assertThat(gw.json(events.get(0)).path("choices").get(0).path("text").asText()).isEqualTo("a");
            assertThat(gw.json(events.get(0)).path("object").asText()).isEqualTo("text_completion");
            assertThat(gw.json(events.get(1)).path("choices").get(0).path("text").asText()).isEqualTo("b");
            assertThat(gw.json(events.get(2)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
            assertThat(gw.json(events.get(3)).path("usage").path("completion_tokens").asInt()).isEqualTo(2);
            assertThat(events.get(4)).isEqualTo("[DONE]");
        }
    }

    @Test
    void refusesSeveralPromptsAndTokenArrays() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> many = gw.post("/v1/completions", """
                    {"model":"llama3","prompt":["a","b"]}""");
            HttpResponse<String> tokens = gw.post("/v1/completions", """
                    {"model":"llama3","prompt":[1,2,3]}""");

            assertThat(many.statusCode()).isEqualTo(400);
            assertThat(gw.json(many).path("error").path("param").asText()).isEqualTo("prompt");
            assertThat(tokens.statusCode()).isEqualTo(400);
            assertThat(gw.json(tokens).path("error").path("message").asText()).contains("token arrays");
        }
    }
}
