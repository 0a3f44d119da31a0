package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOllamaModelsTest {

    private final FakeOllama fake = FakeOllama.start().model("llama3.2").model("nomic-embed-text");
    private final FakeOllamaHttp http = new FakeOllamaHttp(fake.url());

    @AfterEach
    void tearDown() {
        http.close();
        fake.close();
    }

    @Test
    void pullStreamsOllamasProgressThenInstallsTheModel() throws Exception {
        fake.pullLayers("qwen3:0.6b", 1000, 80);

        HttpResponse<String> response = http.post("/api/pull", "{\"model\":\"qwen3:0.6b\"}");
        List<JsonNode> lines = response.body().lines().map(http::json).toList();

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(lines.getFirst().get("status").asText()).isEqualTo("pulling manifest");
        List<JsonNode> layer = lines.stream().filter(l -> l.has("digest")).toList();
        assertThat(layer).hasSize(10);
        assertThat(layer.getFirst().get("status").asText()).matches("pulling [0-9a-f]{12}");
        assertThat(layer.getFirst().get("digest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(layer.getFirst().get("total").asLong()).isEqualTo(1000);
        assertThat(layer.getFirst().has("completed")).isFalse();
        assertThat(layer.get(4).get("completed").asLong()).isEqualTo(1000);
        assertThat(layer.getLast().get("completed").asLong()).isEqualTo(80);
        assertThat(lines.subList(lines.size() - 3, lines.size())).extracting(l -> l.get("status").asText())
                .containsExactly("verifying sha256 digest", "writing manifest", "success");
        JsonNode tags = http.json(http.get("/api/tags").body()).get("models");
        assertThat(tags).extracting(m -> m.get("name").asText()).contains("qwen3:0.6b");
        assertThat(tags.get(2).get("size").asLong()).isEqualTo(1080);
    }

    @Test
    void pullOfAnUnknownModelReportsTheMissingManifest() throws Exception {
        List<JsonNode> lines = http.post("/api/pull", "{\"name\":\"does-not-exist\"}").body()
                .lines().map(http::json).toList();
        HttpResponse<String> whole = http.post("/api/pull", "{\"model\":\"does-not-exist\",\"stream\":false}");

        assertThat(lines).hasSize(2);
        assertThat(lines.getLast().get("error").asText()).isEqualTo("pull model manifest: file does not exist");
        assertThat(whole.statusCode()).isEqualTo(500);
        assertThat(http.json(http.get("/api/tags").body()).get("models")).hasSize(2);
    }

    @Test
    void pullWithoutStreamAnswersSuccessOnce() throws Exception {
        fake.pullLayers("phi3", 10);

        HttpResponse<String> response = http.post("/api/pull", "{\"model\":\"phi3\",\"stream\":false}");

        assertThat(http.json(response.body()).get("status").asText()).isEqualTo("success");
        assertThat(http.post("/api/show", "{\"model\":\"phi3\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void deleteRemovesAModelOr404s() throws Exception {
        HttpResponse<String> deleted = http.send("DELETE", "/api/delete", "{\"model\":\"llama3.2\"}");
        HttpResponse<String> again = http.send("DELETE", "/api/delete", "{\"model\":\"llama3.2\"}");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(http.json(again.body()).get("error").asText()).isEqualTo("model 'llama3.2' not found");
        assertThat(http.json(http.get("/api/tags").body()).get("models")).hasSize(1);
    }

    @Test
    void copyMakesANewNameWithTheSameDigestOr404s() throws Exception {
        HttpResponse<String> copied = http.post("/api/copy", "{\"source\":\"llama3.2\",\"destination\":\"backup\"}");
        HttpResponse<String> missing = http.post("/api/copy", "{\"source\":\"nope\",\"destination\":\"x\"}");

        assertThat(copied.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode models = http.json(http.get("/api/tags").body()).get("models");
        assertThat(models).extracting(m -> m.get("name").asText())
                .containsExactly("llama3.2:latest", "nomic-embed-text:latest", "backup:latest");
        assertThat(models.get(2).get("digest")).isEqualTo(models.get(0).get("digest"));
    }

    @Test
    void embedGivesOneDeterministicUnitVectorPerInput() throws Exception {
        JsonNode one = http.json(http.post("/api/embed", "{\"model\":\"nomic-embed-text\",\"input\":\"the sky\"}").body());
        JsonNode two = http.json(http.post("/api/embed",
                "{\"model\":\"nomic-embed-text\",\"input\":[\"the sky\",\"green grass grows\"]}").body());

        assertThat(one.get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(one.get("embeddings")).hasSize(1);
        assertThat(one.get("embeddings").get(0)).hasSize(8);
        assertThat(two.get("embeddings").get(0)).isEqualTo(one.get("embeddings").get(0));
        assertThat(two.get("embeddings").get(1)).isNotEqualTo(one.get("embeddings").get(0));
        assertThat(two.get("prompt_eval_count").asInt()).isEqualTo(5);
        double norm = 0;
        for (JsonNode value : one.get("embeddings").get(0)) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(one.has("total_duration")).isTrue();
        assertThat(one.has("load_duration")).isTrue();
    }

    @Test
    void legacyEmbeddingsAnswersOneVectorAndUnknownModels404() throws Exception {
        JsonNode legacy = http.json(http.post("/api/embeddings",
                "{\"model\":\"nomic-embed-text\",\"prompt\":\"the sky\"}").body());
        JsonNode modern = http.json(http.post("/api/embed", "{\"model\":\"nomic-embed-text\",\"input\":\"the sky\"}").body());
        HttpResponse<String> unknown = http.post("/api/embed", "{\"model\":\"nope\",\"input\":\"x\"}");
        HttpResponse<String> badInput = http.post("/api/embed", "{\"model\":\"nomic-embed-text\",\"input\":42}");

        assertThat(legacy.get("embedding")).isEqualTo(modern.get("embeddings").get(0));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(badInput.statusCode()).isEqualTo(400);
    }
}
