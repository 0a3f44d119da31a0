package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsTest {

    @TempDir
    Path home;

    @Test
    void embedsEachInputAsFloats() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("nomic-embed-text");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/embeddings", """
                    {"model":"nomic-embed-text","input":["hello world","bye"],"encoding_format":"float"}""");

            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = gw.json(res);
            assertThat(body.path("object").asText()).isEqualTo("list");
            assertThat(body.path("model").asText()).isEqualTo("nomic-embed-text");
            assertThat(body.path("data")).hasSize(2);
            JsonNode second = body.path("data").get(1);
            assertThat(second.path("object").asText()).isEqualTo("embedding");
            assertThat(second.path("index").asInt()).isEqualTo(1);
            assertThat(second.path("embedding")).hasSize(8);
            assertThat(second.path("embedding").get(0).isNumber()).isTrue();
            assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
            assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(3);
            assertThat(ChatCompletionsTest.lastRequest(node, "/api/embed").path("input")).hasSize(2);
        }
    }

    @Test
    void encodesLittleEndianFloat32AsBase64WhenAsked() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("nomic-embed-text");
             TestGateway gw = TestGateway.start(home, node)) {
            JsonNode floats = gw.json(gw.post("/v1/embeddings", """
                    {"model":"nomic-embed-text","input":"hello"}""")).path("data").get(0).path("embedding");
            HttpResponse<String> res = gw.post("/v1/embeddings", """
                    {"model":"nomic-embed-text","input":"hello","encoding_format":"base64"}""");

            assertThat(res.statusCode()).isEqualTo(200);
            String encoded = gw.json(res).path("data").get(0).path("embedding").asText();
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(bytes.remaining()).isEqualTo(floats.size() * 4);
            for (JsonNode f : floats) {
                assertThat(bytes.getFloat()).isEqualTo(f.floatValue());
            }
        }
    }

    @Test
    void relaysTheNodesRefusalOfTokenArraysAndRefusesUnknownEncodings() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("nomic-embed-text");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> tokens = gw.post("/v1/embeddings", """
                    {"model":"nomic-embed-text","input":[[1,2],[3]]}""");
            HttpResponse<String> encoding = gw.post("/v1/embeddings", """
                    {"model":"nomic-embed-text","input":"x","encoding_format":"int8"}""");

            assertThat(tokens.statusCode()).isEqualTo(400);
            assertThat(gw.json(tokens).path("error").path("param").asText()).isEqualTo("input");
            assertThat(gw.json(tokens).path("error").path("message").asText()).contains("token-array").contains("invalid input type");
            assertThat(encoding.statusCode()).isEqualTo(400);
            assertThat(gw.json(encoding).path("error").path("param").asText()).isEqualTo("encoding_format");
        }
    }
}
