package dev.ollamamax.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model memory per node through the gateway: {@code /api/ps?node=} reports one node's loaded models (size in
 * VRAM, context length, when they unload); preload, "keep loaded" ({@code keep_alive: -1}) and unload
 * ({@code keep_alive: 0}) are empty generations pinned to the node, as Ollama documents them.
 */
class ModelMemoryTest {

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3.2").model("qwen3").loaded("llama3.2");
        b = FakeOllama.start().model("llama3.2").loaded("llama3.2");
        gw = TestGateway.start(home, a, b);
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
    }

    String id(FakeOllama node) {
        return "127.0.0.1:" + node.port();
    }

    JsonNode ps(FakeOllama node) {
        return gw.json(gw.get("/api/ps?node=" + id(node)).body()).path("models");
    }

    @Test
    void psOfOneNodeReportsItsOwnLoadedModelsWithSizesContextAndExpiry() {
        assertThat(gw.json(gw.get("/api/ps").body()).path("models")).hasSize(2); // merged: both nodes
        JsonNode mine = ps(a);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("name").asText()).isEqualTo("llama3.2:latest");
        assertThat(mine.get(0).path("size_vram").asLong()).isPositive();
        assertThat(mine.get(0).path("context_length").asInt()).isEqualTo(4096);
        assertThat(Instant.parse(mine.get(0).path("expires_at").asText())).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(gw.get("/api/ps?node=10.0.0.1:1").statusCode()).isEqualTo(400);
    }

    @Test
    void preloadKeepLoadedAndUnloadAreEmptyGenerationsPinnedToTheNode() {
        assertThat(gw.post("/api/generate", "{\"model\":\"qwen3\",\"node\":\"" + id(a) + "\",\"stream\":false,"
                + "\"keep_alive\":-1,\"options\":{\"num_ctx\":8192}}").statusCode()).isEqualTo(200);
        JsonNode qwen = List.of(ps(a).get(0), ps(a).get(1)).stream().filter(m -> m.path("name").asText().equals("qwen3:latest"))
                .findFirst().orElseThrow();
        assertThat(Instant.parse(qwen.path("expires_at").asText())).isAfter(Instant.now().plus(Duration.ofDays(365 * 100)));
        assertThat(qwen.path("context_length").asInt()).isEqualTo(8192);
        assertThat(a.requests().getLast().json().has("node")).as("our field stays with the gateway").isFalse();

        assertThat(gw.post("/api/generate", "{\"model\":\"llama3.2\",\"node\":\"" + id(a) + "\",\"stream\":false,\"keep_alive\":0}")
                .statusCode()).isEqualTo(200);
        assertThat(ps(a)).extracting(m -> m.path("name").asText()).containsExactly("qwen3:latest");
        assertThat(ps(b)).extracting(m -> m.path("name").asText()).containsExactly("llama3.2:latest"); // the other node keeps it
    }
}
