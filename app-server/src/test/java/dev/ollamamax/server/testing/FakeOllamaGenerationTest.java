package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOllamaGenerationTest {

    private static final String CHAT = """
            {"model":"llama3.2","messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":"Why is the sky blue?"}]}""";

    private final FakeOllama fake = FakeOllama.start().model("llama3.2");
    private final FakeOllamaHttp http = new FakeOllamaHttp(fake.url());

    @AfterEach
    void tearDown() {
        http.close();
        fake.close();
    }

    @Test
    void streamsChatAsNdjsonLinesThenAFinalLineWithCounts() throws Exception {
        HttpResponse<String> response = http.post("/api/chat", CHAT);
        List<JsonNode> lines = response.body().lines().map(http::json).toList();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).extracting(l -> l.get("message").get("content").asText())
                .containsExactly("Hello", " from", " llama3.2");
        assertThat(lines.getFirst().get("model").asText()).isEqualTo("llama3.2");
        assertThat(lines.getFirst().get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(lines.getFirst().get("done").asBoolean()).isFalse();
        assertThat(lines.getFirst().get("created_at").asText()).endsWith("Z");
        JsonNode last = lines.getLast();
        assertThat(last.get("done").asBoolean()).isTrue();
        assertThat(last.get("done_reason").asText()).isEqualTo("stop");
        assertThat(last.get("message").get("content").asText()).isEmpty();
        assertThat(last.get("prompt_eval_count").asInt()).isEqualTo(7); // words of both messages
        assertThat(last.get("eval_count").asInt()).isEqualTo(3);
        assertThat(last.get("total_duration").asLong()).isPositive();
        for (String field : List.of("load_duration", "prompt_eval_duration", "eval_duration")) {
            assertThat(last.has(field)).as(field).isTrue();
        }
    }

    @Test
    void streamingIsRealTheFirstLineArrivesWhileTheAnswerIsStillBeingWritten() throws Exception {
        fake.reply("llama3.2", List.of("one", " two", " three", " four", " five")).tokenDelay(Duration.ofMillis(300));

        HttpResponse<InputStream> response = http.postStreaming("/api/chat", CHAT);
        try (BufferedReader reader = FakeOllamaHttp.lines(response)) {
            JsonNode first = http.json(reader.readLine());
            assertThat(first.get("message").get("content").asText()).isEqualTo("one");
            assertThat(fake.inFlight()).as("the fake is still writing the answer").isEqualTo(1);

            fake.stop(); // a buffering server would have sent the rest already

            List<String> rest = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    rest.add(line);
                }
            }).isInstanceOf(IOException.class);
            assertThat(rest).noneMatch(line -> line.contains("\"done\":true"));
        }
        assertThat(fake.inFlight()).isZero();
    }

    @Test
    void everyTokenComesAfterTheConfiguredDelay() throws Exception {
        fake.reply("llama3.2", List.of("a", "b", "c", "d")).tokenDelay(Duration.ofMillis(50));

        List<JsonNode> lines = http.post("/api/chat", CHAT).body().lines().map(http::json).toList();

        assertThat(lines).hasSize(5);
        assertThat(lines.getLast().get("eval_duration").asLong()).as("4 tokens x 50 ms, measured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void servesManyStreamsAtOnce() throws Exception {
        fake.tokenDelay(Duration.ofMillis(20));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 20; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(fake.url().resolve("/api/chat"))
                        .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().body().lines()).hasSize(4).last().asString().contains("\"done\":true");
            }
        }
        assertThat(fake.inFlight()).isZero();
    }

    @Test
    void answersWholeWhenStreamIsFalse() throws Exception {
        HttpResponse<String> response = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
        JsonNode body = http.json(response.body());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(body.get("message").get("content").asText()).isEqualTo("Hello from llama3.2");
        assertThat(body.get("done").asBoolean()).isTrue();
        assertThat(body.get("done_reason").asText()).isEqualTo("stop");
        assertThat(body.get("prompt_eval_count").asInt()).isEqualTo(2);
        assertThat(body.get("eval_count").asInt()).isEqualTo(3);
    }

    @Test
    void numPredictCutsTheAnswerWithDoneReasonLength() throws Exception {
        HttpResponse<String> response = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"options\":{\"num_predict\":2},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        List<JsonNode> lines = response.body().lines().map(http::json).toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.getLast().get("done_reason").asText()).isEqualTo("length");
        assertThat(lines.getLast().get("eval_count").asInt()).isEqualTo(2);
    }

    @Test
    void generateUsesResponseInsteadOfMessage() throws Exception {
        List<JsonNode> lines = http.post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"Why is the sky blue?\"}")
                .body().lines().map(http::json).toList();
        JsonNode whole = http.json(http.post("/api/generate",
                "{\"model\":\"llama3.2\",\"prompt\":\"Why?\",\"stream\":false}").body());

        assertThat(lines.subList(0, 3)).extracting(l -> l.get("response").asText())
                .containsExactly("Hello", " from", " llama3.2");
        assertThat(lines.getFirst().has("message")).isFalse();
        assertThat(lines.getLast().get("response").asText()).isEmpty();
        assertThat(lines.getLast().get("prompt_eval_count").asInt()).isEqualTo(5);
        assertThat(whole.get("response").asText()).isEqualTo("Hello from llama3.2");
        assertThat(whole.get("done_reason").asText()).isEqualTo("stop");
    }

    @Test
    void unknownModelIs404WithOllamasMessage() throws Exception {
        HttpResponse<String> chat = http.post("/api/chat", "{\"model\":\"mistral\",\"messages\":[]}");
        HttpResponse<String> generate = http.post("/api/generate", "{\"model\":\"mistral\",\"prompt\":\"hi\"}");

        assertThat(chat.statusCode()).isEqualTo(404);
        assertThat(http.json(chat.body()).get("error").asText())
                .isEqualTo("model \"mistral\" not found, try pulling it first");
        assertThat(generate.statusCode()).isEqualTo(404);
    }

    @Test
    void aModelThatAnswersBecomesLoadedAndEmptyMessagesLoadOrUnloadIt() throws Exception {
        JsonNode load = http.json(http.post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[]}").body());
        assertThat(load.get("done_reason").asText()).isEqualTo("load");
        assertThat(http.json(http.get("/api/ps").body()).get("models")).hasSize(1);

        JsonNode unload = http.json(http.post("/api/generate", "{\"model\":\"llama3.2\",\"keep_alive\":0}").body());
        assertThat(unload.get("done_reason").asText()).isEqualTo("unload");
        assertThat(http.json(http.get("/api/ps").body()).get("models")).isEmpty();

        http.post("/api/chat", CHAT);
        assertThat(http.json(http.get("/api/ps").body()).get("models").get(0).get("name").asText())
                .isEqualTo("llama3.2:latest");
    }

    @Test
    void aNameWithoutTagIsTheLatestModelAndResponsesEchoTheNameAsSent() throws Exception {
        JsonNode body = http.json(http.post("/api/chat",
                "{\"model\":\"llama3.2:latest\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .body());

        assertThat(body.get("model").asText()).isEqualTo("llama3.2:latest");
        assertThat(body.get("message").get("content").asText()).isEqualTo("Hello from llama3.2");
    }

    @Test
    void rejectsWrongTypesWith400() throws Exception {
        HttpResponse<String> messages = http.post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":\"hi\"}");
        HttpResponse<String> options = http.post("/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"options\":{\"num_predict\":\"lots\"}}");

        assertThat(messages.statusCode()).isEqualTo(400);
        assertThat(options.statusCode()).isEqualTo(400);
    }
}
