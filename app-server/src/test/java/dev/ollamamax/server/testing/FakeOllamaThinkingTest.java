package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake speaks {@code think} / {@code message.thinking} and takes {@code images} as Ollama documents them. */
class FakeOllamaThinkingTest {

    private final FakeOllama fake = FakeOllama.start().reply("qwen3", List.of("4", ".")).thinking("qwen3", List.of("Two", " plus", " two"))
            .model("llama3.2");
    private final FakeOllamaHttp http = new FakeOllamaHttp(fake.url());

    @AfterEach
    void tearDown() {
        http.close();
        fake.close();
    }

    @Test
    void thinkTrueStreamsThinkingBeforeTheAnswer() throws Exception {
        HttpResponse<String> response = http.post("/api/chat",
                "{\"model\":\"qwen3\",\"think\":true,\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}");
        List<JsonNode> lines = response.body().lines().map(http::json).toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 3)).extracting(l -> l.path("message").path("thinking").asText()).containsExactly("Two", " plus", " two");
        assertThat(lines.subList(0, 3)).extracting(l -> l.path("message").path("content").asText()).containsOnly("");
        assertThat(lines.subList(3, 5)).extracting(l -> l.path("message").path("content").asText()).containsExactly("4", ".");
        assertThat(lines.subList(3, 5)).allMatch(l -> !l.path("message").has("thinking"));
        assertThat(lines.getLast().path("eval_count").asInt()).isEqualTo(5);
    }

    @Test
    void withoutThinkTheAnswerComesAloneAndUnstreamedThinkingIsInTheMessage() throws Exception {
        List<JsonNode> lines = http.post("/api/chat", "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}")
                .body().lines().map(http::json).toList();
        assertThat(lines).noneMatch(l -> l.path("message").has("thinking"));
        JsonNode whole = http.json(http.post("/api/chat",
                "{\"model\":\"qwen3\",\"think\":true,\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}").body());
        assertThat(whole.path("message").path("thinking").asText()).isEqualTo("Two plus two");
        assertThat(whole.path("message").path("content").asText()).isEqualTo("4.");
    }

    @Test
    void aModelThatCannotThinkRefusesThinkAndBadImagesAreRefused() throws Exception {
        HttpResponse<String> refused = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"think\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(http.json(refused.body()).path("error").asText()).contains("does not support thinking");
        HttpResponse<String> badImage = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"images\":[\"%%%\"]}]}");
        assertThat(badImage.statusCode()).isEqualTo(400);
        HttpResponse<String> withImage = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"images\":[\"iVBORw0K\"]}],\"options\":{\"num_ctx\":2048}}");
        assertThat(withImage.statusCode()).isEqualTo(200);
        assertThat(fake.chats().getLast().path("messages").get(0).path("images").get(0).asText()).isEqualTo("iVBORw0K");
        assertThat(fake.chats().getLast().path("options").path("num_ctx").asInt()).isEqualTo(2048);
    }
}
