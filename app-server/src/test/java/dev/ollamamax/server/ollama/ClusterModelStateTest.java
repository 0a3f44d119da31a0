package dev.ollamamax.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.GatewayVersion;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model state across the cluster: unload on every node holding the model, the lowest node version, who holds what. */
class ClusterModelStateTest {

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    FakeOllama c;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3").version("0.13.5");
        b = FakeOllama.start().model("llama3").version("0.12.9");
        c = FakeOllama.start().model("llama3").version("0.14.0");
        gw = TestGateway.start(home, a, b, c);
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
        c.close();
    }

    @Test
    void anUnloadGoesToEveryNodeThatHasTheModelLoaded() {
        a.loaded("llama3");
        b.loaded("llama3");

        HttpResponse<String> res = gw.post("/api/generate", "{\"model\":\"llama3\",\"keep_alive\":0}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(gw.json(res.body()).path("done_reason").asText()).isEqualTo("unload");
        assertThat(res.headers().firstValue("X-OllamaMax-Node").orElseThrow().split(","))
                .containsExactlyInAnyOrder(id(a), id(b));
        for (FakeOllama n : List.of(a, b)) {
            assertThat(n.requests()).anyMatch(r -> r.path().equals("/api/generate"));
        }
        assertThat(c.requests()).noneMatch(r -> r.path().equals("/api/generate"));
        assertThat(gw.json(gw.get("/api/ps").body()).path("models")).isEmpty();
    }

    @Test
    void aChatUnloadWithEmptyMessagesAndAZeroDurationGoesEverywhereToo() {
        a.loaded("llama3");
        c.loaded("llama3");

        HttpResponse<String> res = gw.post("/api/chat", "{\"model\":\"llama3\",\"messages\":[],\"keep_alive\":\"0s\"}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(a.requests()).anyMatch(r -> r.path().equals("/api/chat"));
        assertThat(c.requests()).anyMatch(r -> r.path().equals("/api/chat"));
        assertThat(b.requests()).noneMatch(r -> r.path().equals("/api/chat"));
    }

    @Test
    void anUnloadOfAModelNoNodeHasLoadedIsRoutedToOneNodeLikeOllama() {
        HttpResponse<String> res = gw.post("/api/generate", "{\"model\":\"llama3\",\"keep_alive\":0}");

        assertThat(res.statusCode()).isEqualTo(200);
        long reached = List.of(a, b, c).stream().filter(n -> n.requests().stream()
                .anyMatch(r -> r.path().equals("/api/generate"))).count();
        assertThat(reached).isEqualTo(1);
    }

    @Test
    void versionReportsTheLowestNodeVersionAndTheGatewaysOwn() {
        JsonNode version = gw.json(gw.get("/api/version").body());

        assertThat(version.path("version").asText()).isEqualTo("0.12.9");
        assertThat(version.path("gateway_version").asText()).isEqualTo(GatewayVersion.VALUE);
        assertThat(version.path("node_versions").path(id(c)).asText()).isEqualTo("0.14.0");
        assertThat(version.path("node_versions")).hasSize(3);
    }

    @Test
    void psNamesTheNodeHoldingEachLoadedModel() {
        b.loaded("llama3");
        c.loaded("llama3");

        JsonNode models = gw.json(gw.get("/api/ps").body()).path("models");

        assertThat(models).hasSize(2);
        assertThat(models).extracting(m -> m.path("node").asText()).containsExactlyInAnyOrder(id(b), id(c));
        assertThat(models).allSatisfy(m -> assertThat(m.path("name").asText()).isEqualTo("llama3:latest"));
    }

    private static String id(FakeOllama n) {
        return "127.0.0.1:" + n.port();
    }
}
