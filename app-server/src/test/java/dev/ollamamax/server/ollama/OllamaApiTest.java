package dev.ollamamax.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OllamaApiTest {

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("Hel", "lo", " there")).loaded("llama3.2");
        b = FakeOllama.start().model("qwen2.5:0.5b").version("0.12.9");
        gw = TestGateway.start(home, a, b);
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
    }

    @Test
    void headAndRootAnswerLikeOllama() {
        assertThat(gw.send("HEAD", "/", null).statusCode()).isEqualTo(200);
        assertThat(gw.get("/").body()).isEqualTo("Ollama is running");
    }

    @Test
    void tagsAreMergedAcrossNodes() {
        JsonNode tags = gw.json(gw.get("/api/tags").body());
        List<String> names = new ArrayList<>();
        tags.path("models").forEach(m -> names.add(m.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("llama3.2:latest", "qwen2.5:0.5b");
    }

    @Test
    void psIsMergedLiveFromNodes() {
        JsonNode ps = gw.json(gw.get("/api/ps").body());
        assertThat(ps.path("models")).hasSize(1);
        assertThat(ps.path("models").get(0).path("name").asText()).isEqualTo("llama3.2:latest");
    }

    @Test
    void versionComesFromAHealthyNode() {
        assertThat(gw.json(gw.get("/api/version").body()).path("version").asText()).isNotBlank();
    }

    @Test
    void chatStreamIsPassedThroughLineByLineAsItArrives() throws Exception {
        a.tokenDelay(Duration.ofMillis(300));
        HttpResponse<InputStream> res = gw.postStreaming("/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/x-ndjson"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            JsonNode first = gw.json(lines.readLine());
            assertThat(first.path("message").path("content").asText()).isEqualTo("Hel");
            // the node is still streaming the rest: nothing waited for the whole answer
            assertThat(a.inFlight()).isEqualTo(1);
            List<JsonNode> rest = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                rest.add(gw.json(line));
            }
            assertThat(rest).hasSize(3);
            assertThat(rest.getLast().path("done").asBoolean()).isTrue();
            assertThat(rest.getLast().path("eval_count").asInt()).isEqualTo(3);
        }
        assertThat(gw.get("/metrics").body()).contains("ollamamax_tokens_generated_total{model=\"llama3.2\"");
    }

    @Test
    void chatWithoutStreamingAnswersOneObject() {
        HttpResponse<String> res = gw.post("/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = gw.json(res.body());
        assertThat(body.path("message").path("content").asText()).isEqualTo("Hello there");
        assertThat(body.path("done").asBoolean()).isTrue();
    }

    @Test
    void generateIsRoutedToTheNodeThatHasTheModel() {
        HttpResponse<String> res = gw.post("/api/generate", "{\"model\":\"qwen2.5:0.5b\",\"prompt\":\"x\",\"stream\":false}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-OllamaMax-Node")).hasValue("127.0.0.1:" + b.port());
        assertThat(b.requests()).anyMatch(r -> r.path().equals("/api/generate"));
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/generate"));
    }

    @Test
    void aPinnedRequestGoesToThatNodeWithoutOurNodeField() {
        a.model("qwen2.5:0.5b");
        gw.probe();
        HttpResponse<String> res = gw.post("/api/generate", "{\"model\":\"qwen2.5:0.5b\",\"prompt\":\"x\",\"stream\":false,"
                + "\"node\":\"127.0.0.1:" + a.port() + "\"}");
        assertThat(res.headers().firstValue("X-OllamaMax-Node")).hasValue("127.0.0.1:" + a.port());
        assertThat(a.requests()).filteredOn(r -> r.path().equals("/api/generate"))
                .singleElement().satisfies(r -> assertThat(r.json().has("node")).isFalse());
    }

    @Test
    void nodesGetALoopbackHostHeader() {
        gw.post("/api/generate", "{\"model\":\"qwen2.5:0.5b\",\"prompt\":\"x\",\"stream\":false}");
        assertThat(b.requests()).filteredOn(r -> r.path().equals("/api/generate"))
                .allSatisfy(r -> assertThat(r.host()).hasValueSatisfying(h -> assertThat(h).startsWith("127.0.0.1")));
    }

    @Test
    void embedAndLegacyEmbeddingsAreForwarded() {
        JsonNode embed = gw.json(gw.post("/api/embed", "{\"model\":\"llama3.2\",\"input\":[\"a\",\"b\"]}").body());
        assertThat(embed.path("embeddings")).hasSize(2);
        JsonNode legacy = gw.json(gw.post("/api/embeddings", "{\"model\":\"llama3.2\",\"prompt\":\"a\"}").body());
        assertThat(legacy.path("embedding").size()).isPositive();
    }

    @Test
    void showAnswersForAKnownModelAnd404ForAnUnknownOne() {
        assertThat(gw.post("/api/show", "{\"model\":\"llama3.2\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = gw.post("/api/show", "{\"model\":\"nope\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(gw.json(missing.body()).path("error").asText()).contains("nope");
    }

    @Test
    void pullStreamsProgressAndTheModelAppearsInTags() throws Exception {
        a.pullLayers("tinyllama", 1000, 5000);
        HttpResponse<InputStream> res = gw.postStreaming("/api/pull",
                "{\"model\":\"tinyllama\",\"node\":\"127.0.0.1:" + a.port() + "\"}");
        List<String> statuses = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                statuses.add(gw.json(line).path("status").asText());
            }
        }
        assertThat(statuses.getFirst()).isEqualTo("pulling manifest");
        assertThat(statuses).contains("verifying sha256 digest", "writing manifest");
        assertThat(statuses.getLast()).isEqualTo("success");
        gw.probe();
        assertThat(gw.get("/api/tags").body()).contains("tinyllama");
    }

    @Test
    void deleteAndCopyActOnTheNodesThatHaveTheModel() {
        assertThat(gw.post("/api/copy", "{\"source\":\"llama3.2\",\"destination\":\"mine\"}").statusCode()).isEqualTo(200);
        gw.probe();
        assertThat(gw.get("/api/tags").body()).contains("mine");
        assertThat(gw.send("DELETE", "/api/delete", "{\"model\":\"mine\"}").statusCode()).isEqualTo(200);
        gw.probe();
        assertThat(gw.get("/api/tags").body()).doesNotContain("mine");
        assertThat(gw.send("DELETE", "/api/delete", "{\"model\":\"mine\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400WithTheReason() {
        HttpResponse<String> res = gw.post("/api/chat", "{\"model\": ");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(gw.json(res.body()).path("error").asText()).contains("not valid JSON");
    }

    @Test
    void missingModelAndWrongTypesAre400s() {
        assertThat(gw.post("/api/chat", "{\"messages\":[]}").statusCode()).isEqualTo(400);
        HttpResponse<String> wrong = gw.post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":\"hi\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(gw.json(wrong.body()).path("error").asText()).contains("messages");
        assertThat(gw.post("/api/generate", "{\"model\":42}").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownModelIs404() {
        HttpResponse<String> res = gw.post("/api/chat", "{\"model\":\"nope\",\"messages\":[]}");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(gw.json(res.body()).path("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void anUnknownEndpointIsA404NotA500() {
        HttpResponse<String> res = gw.get("/api/nope");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(gw.json(res.body()).path("error").asText()).isEqualTo("There is no such endpoint");
    }

    @Test
    void oversizedBodyIsRefusedWithA413() throws Exception {
        // headers only: the refusal must come from the announced length, before any of the body is read (a
        // client still sending 9 MiB while the server closes would see a reset instead of the answer)
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gw.port(dev.ollamamax.server.Listener.PRIMARY))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/generate HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 9 * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }
}
