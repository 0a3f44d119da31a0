package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsApiTest {

    @TempDir
    Path home;

    @Test
    void listsTheModelsOfEveryNodeOnceEach() throws Exception {
        try (FakeOllama a = FakeOllama.start().model("llama3").model("qwen2.5:0.5b");
             FakeOllama b = FakeOllama.start().model("llama3:latest").model("library/phi3:mini");
             TestGateway gw = TestGateway.start(home, a, b)) {
            HttpResponse<String> res = gw.get("/v1/models");

            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = gw.json(res);
            assertThat(body.path("object").asText()).isEqualTo("list");
            List<String> ids = new ArrayList<>();
            body.path("data").forEach(m -> ids.add(m.path("id").asText()));
            assertThat(ids).containsExactlyInAnyOrder("llama3:latest", "qwen2.5:0.5b", "library/phi3:mini");
            JsonNode first = body.path("data").get(0);
            assertThat(first.path("object").asText()).isEqualTo("model");
            assertThat(first.path("owned_by").asText()).isEqualTo("ollama");
            assertThat(first.path("created").isIntegralNumber()).isTrue();
            assertThat(first.path("created").asLong()).isGreaterThan(1_600_000_000L);
        }
    }

    @Test
    void retrievesOneModelWhoseIdHasAColonAndASlash() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("library/phi3:mini").model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> slash = gw.get("/v1/models/library/phi3:mini");
            HttpResponse<String> untagged = gw.get("/v1/models/llama3");

            assertThat(slash.statusCode()).isEqualTo(200);
            assertThat(gw.json(slash).path("id").asText()).isEqualTo("library/phi3:mini");
            assertThat(gw.json(slash).path("object").asText()).isEqualTo("model");
            assertThat(untagged.statusCode()).isEqualTo(200);
            assertThat(gw.json(untagged).path("id").asText()).isEqualTo("llama3:latest");
        }
    }

    @Test
    void unknownModelIsNotFoundInOpenAiShape() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.get("/v1/models/nope:1b");

            assertThat(res.statusCode()).isEqualTo(404);
            JsonNode error = gw.json(res).path("error");
            assertThat(error.path("code").asText()).isEqualTo("model_not_found");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).contains("nope:1b");
        }
    }

    @Test
    void noHealthyNodeIsServiceUnavailable() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            node.stop();
            gw.probe();

            HttpResponse<String> res = gw.get("/v1/models");

            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(gw.json(res).path("error").path("code").asText()).isEqualTo("no_healthy_node");
        }
    }
}
