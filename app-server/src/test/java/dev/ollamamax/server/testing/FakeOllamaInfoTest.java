package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOllamaInfoTest {

    private final FakeOllama fake = FakeOllama.start().model("llama3.2").model(
            FakeModel.of("qwen2.5:0.5b").withDetails("qwen2", "494.03M", "Q4_K_M").withSize(397_821_319L));
    private final FakeOllamaHttp http = new FakeOllamaHttp(fake.url());

    @AfterEach
    void tearDown() {
        http.close();
        fake.close();
    }

    @Test
    void rootSaysOllamaIsRunningForGetAndHead() throws Exception {
        HttpResponse<String> get = http.get("/");
        HttpResponse<String> head = http.send("HEAD", "/", "");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("Ollama is running");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("17");
    }

    @Test
    void reportsTheConfiguredVersion() throws Exception {
        assertThat(http.json(http.get("/api/version").body()).get("version").asText()).isEqualTo("0.12.3");

        fake.version("0.13.0");

        assertThat(http.json(http.get("/api/version").body()).get("version").asText()).isEqualTo("0.13.0");
    }

    @Test
    void tagsListInstalledModelsWithOllamasFields() throws Exception {
        HttpResponse<String> response = http.get("/api/tags");
        JsonNode models = http.json(response.body()).get("models");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(models).hasSize(2);
        JsonNode first = models.get(0);
        assertThat(first.get("name").asText()).isEqualTo("llama3.2:latest");
        assertThat(first.get("model").asText()).isEqualTo("llama3.2:latest");
        assertThat(first.get("modified_at").asText()).isNotEmpty();
        assertThat(first.get("size").asLong()).isPositive();
        assertThat(first.get("digest").asText()).hasSize(64);
        assertThat(models.get(1).get("details").get("family").asText()).isEqualTo("qwen2");
        assertThat(models.get(1).get("details").get("parameter_size").asText()).isEqualTo("494.03M");
        assertThat(models.get(1).get("details").get("quantization_level").asText()).isEqualTo("Q4_K_M");
        assertThat(models.get(1).get("details").get("format").asText()).isEqualTo("gguf");
    }

    @Test
    void psReportsExactlyTheLoadedModels() throws Exception {
        assertThat(http.json(http.get("/api/ps").body()).get("models")).isEmpty();

        fake.loaded("qwen2.5:0.5b");
        JsonNode models = http.json(http.get("/api/ps").body()).get("models");

        assertThat(models).hasSize(1);
        assertThat(models.get(0).get("name").asText()).isEqualTo("qwen2.5:0.5b");
        assertThat(models.get(0).get("size_vram").asLong()).isEqualTo(397_821_319L);
        assertThat(models.get(0).get("expires_at").asText()).isNotEmpty();
        assertThat(models.get(0).get("details").get("family").asText()).isEqualTo("qwen2");
    }

    @Test
    void showDescribesAModelOrSaysItIsNotFound() throws Exception {
        JsonNode shown = http.json(http.post("/api/show", "{\"model\":\"llama3.2\"}").body());
        HttpResponse<String> byName = http.post("/api/show", "{\"name\":\"llama3.2:latest\"}");
        HttpResponse<String> missing = http.post("/api/show", "{\"model\":\"nope\"}");

        assertThat(shown.get("modelfile").asText()).contains("FROM llama3.2:latest");
        assertThat(shown.has("parameters")).isTrue();
        assertThat(shown.has("template")).isTrue();
        assertThat(shown.get("details").get("family").asText()).isEqualTo("llama");
        assertThat(shown.get("model_info").get("general.architecture").asText()).isEqualTo("llama");
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(http.json(missing.body()).get("error").asText()).isEqualTo("model 'nope' not found");
    }

    @Test
    void refusesANonLocalHostWith403LikeOllama() throws Exception {
        String refused = http.raw("GET /api/version HTTP/1.1\r\nHost: gateway.example.com:11434\r\n"
                + "Connection: close\r\n\r\n");
        String noHost = http.raw("GET /api/version HTTP/1.1\r\nConnection: close\r\n\r\n");
        String ipv6 = http.raw("GET /api/version HTTP/1.1\r\nHost: [::1]:11434\r\nConnection: close\r\n\r\n");
        String localhost = http.raw("GET /api/version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(refused).startsWith("HTTP/1.1 403 ");
        assertThat(noHost).startsWith("HTTP/1.1 403 ");
        assertThat(ipv6).startsWith("HTTP/1.1 200 ");
        assertThat(localhost).startsWith("HTTP/1.1 200 ").contains("{\"version\":\"0.12.3\"}");
        assertThat(fake.requests()).extracting(r -> r.host().orElse("-"))
                .containsExactly("gateway.example.com:11434", "-", "[::1]:11434", "localhost");
    }

    @Test
    void recordsMethodPathHostAndBodyOfEveryRequest() throws Exception {
        http.post("/api/show?verbose=true", "{\"model\":\"llama3.2\"}");

        RecordedRequest recorded = fake.requests().getLast();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/api/show");
        assertThat(recorded.query()).isEqualTo("verbose=true");
        assertThat(recorded.host()).hasValue("127.0.0.1:" + fake.port());
        assertThat(recorded.headers().get("content-length")).containsExactly("20");
        assertThat(recorded.json().get("model").asText()).isEqualTo("llama3.2");
    }

    @Test
    void answersBadJsonWith400AndUnknownPathsWith404() throws Exception {
        HttpResponse<String> malformed = http.post("/api/chat", "{\"model\": ");
        HttpResponse<String> empty = http.post("/api/chat", "");
        HttpResponse<String> noModel = http.post("/api/chat", "{\"messages\":[]}");
        HttpResponse<String> unknown = http.get("/api/nothing");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(http.json(malformed.body()).get("error").asText()).startsWith("invalid JSON");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(http.json(empty.body()).get("error").asText()).isEqualTo("missing request body");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(http.json(noModel.body()).get("error").asText()).isEqualTo("model is required");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found");
    }

    @Test
    void readsChunkedRequestBodiesAndServesKeepAliveRequestsOnOneConnection() throws Exception {
        String body = "{\"model\":\"llama3.2\"}";
        String answer = http.raw("POST /api/show HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"
                + "GET /api/version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"modelfile\"");
        assertThat(answer.indexOf("HTTP/1.1 200 ", 1)).isPositive();
        assertThat(answer).endsWith("{\"version\":\"0.12.3\"}");
    }
}
