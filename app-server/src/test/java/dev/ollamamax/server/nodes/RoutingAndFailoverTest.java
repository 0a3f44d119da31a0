package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingAndFailoverTest {

    private static final String CHAT = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("from", " a"));
        b = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("from", " b"));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        a.close();
        b.close();
    }

    private List<JsonNode> streamChat() throws Exception {
        HttpResponse<InputStream> res = gw.postStreaming("/api/chat", CHAT);
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(gw.json(line));
            }
        }
        return lines;
    }

    private static String text(List<JsonNode> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.path("message").path("content").asText()));
        return sb.toString();
    }

    @Test
    void retriesOnAnotherNodeWhenTheFirstFailsBeforeTheFirstToken() throws Exception {
        a.loaded("llama3.2"); // a is tried first: it has the model loaded
        gw = TestGateway.start(home, a, b);
        a.failAlways(Failure.STATUS_500_BEFORE_FIRST_TOKEN);
        List<JsonNode> lines = streamChat();
        assertThat(text(lines)).isEqualTo("from b");
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();
        assertThat(a.requests()).anyMatch(r -> r.path().equals("/api/chat"));
        assertThat(gw.get("/metrics").body()).contains("ollamamax_upstream_retries_total{node=\"127.0.0.1:" + a.port() + "\"} 1");
    }

    @Test
    void aNodeThatCutsTheConnectionAfterReadingTheRequestIsCooledDownButTheRequestIsNotResent() throws Exception {
        b.loaded("llama3.2"); // b is tried first
        gw = TestGateway.start(home, a, b);
        b.failAlways(Failure.CUT_BEFORE_FIRST_TOKEN);
        HttpResponse<String> cut = gw.post("/api/chat", CHAT);
        assertThat(cut.statusCode()).isEqualTo(502);
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/chat"));
        assertThat(b.requests()).filteredOn(r -> r.path().equals("/api/chat")).hasSize(1);
        assertThat(gw.nodes().registry().get("127.0.0.1:" + b.port()).orElseThrow().status()).isEqualTo(NodeStatus.DOWN);
        assertThat(text(streamChat())).isEqualTo("from a");
    }

    @Test
    void aFailedNodeIsCooledDownAndTakenBackAfterAProbe() throws Exception {
        gw = TestGateway.start(home, Map.of(Setting.NODE_COOLDOWN_MS, "0"), a, b);
        a.stop();
        for (int i = 0; i < 3; i++) {
            assertThat(text(streamChat())).isEqualTo("from b");
        }
        a.restart();
        gw.probe();
        assertThat(gw.nodes().registry().get("127.0.0.1:" + a.port()).orElseThrow().status()).isEqualTo(NodeStatus.UP);
    }

    @Test
    void anErrorAfterTheFirstTokenEndsTheStreamWithAnErrorLine() throws Exception {
        gw = TestGateway.start(home, a);
        a.failNext(Failure.ERROR_LINE_AFTER_FIRST_TOKEN);
        List<JsonNode> lines = streamChat();
        assertThat(lines.getFirst().path("message").path("content").asText()).isEqualTo("from");
        assertThat(lines.getLast().has("error")).isTrue();
        assertThat(lines).noneMatch(l -> l.path("done").asBoolean());
    }

    @Test
    void aCutAfterTheFirstTokenGivesTheClientAnErrorLineAtOnce() throws Exception {
        gw = TestGateway.start(home, a);
        a.failNext(Failure.CUT_AFTER_FIRST_TOKEN);
        long start = System.nanoTime();
        List<JsonNode> lines = streamChat();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(lines.getLast().path("error").asText()).contains("broke");
    }

    @Test
    void aHungStreamIsEndedByTheIdleTimeout() throws Exception {
        gw = TestGateway.start(home, Map.of(Setting.STREAM_IDLE_TIMEOUT_MS, "1000"), a);
        a.failNext(Failure.HANG_AFTER_FIRST_TOKEN);
        List<JsonNode> lines = streamChat();
        assertThat(lines.getLast().path("error").asText()).contains("too long");
        // the gateway hung up on the node: the node sees its request end
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (a.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void theLeastBusyNodeIsPreferred() throws Exception {
        a.tokenDelay(Duration.ofMillis(400));
        b.tokenDelay(Duration.ofMillis(400));
        gw = TestGateway.start(home, a, b);
        HttpResponse<InputStream> first = gw.postStreaming("/api/chat", CHAT);
        HttpResponse<InputStream> second = gw.postStreaming("/api/chat", CHAT);
        assertThat(first.headers().firstValue("X-OllamaMax-Node"))
                .isNotEqualTo(second.headers().firstValue("X-OllamaMax-Node"));
        first.body().close();
        second.body().close();
    }

    @Test
    void aNodeWithTheModelLoadedIsPreferred() {
        b.loaded("llama3.2");
        gw = TestGateway.start(home, a, b);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = gw.post("/api/chat",
                    "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(res.headers().firstValue("X-OllamaMax-Node")).hasValue("127.0.0.1:" + b.port());
        }
    }

    @Test
    void noHealthyNodeIs503AndReadinessSaysWhy() {
        gw = TestGateway.start(home, a);
        a.stop();
        gw.probe();
        HttpResponse<String> res = gw.post("/api/chat", CHAT);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(gw.json(res.body()).path("code").asText()).isEqualTo("no_healthy_node");
        HttpResponse<String> ready = gw.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(gw.json(ready.body()).path("checks").path("nodes").path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void aModelOnlyOnUnavailableNodesIs503NotAnUnknownModel() {
        b.model("phi3");
        gw = TestGateway.start(home, a, b);
        assertThat(gw.post("/api/v1/nodes/127.0.0.1:" + b.port() + "/drain", "").statusCode()).isEqualTo(200);
        HttpResponse<String> res = gw.post("/api/generate", "{\"model\":\"phi3\",\"prompt\":\"x\"}");
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(gw.json(res.body()).path("error").asText()).contains("127.0.0.1:" + b.port() + " (draining)");
    }

    @Test
    void aDrainingNodeTakesNoNewRequests() {
        gw = TestGateway.start(home, a, b);
        assertThat(gw.post("/api/v1/nodes/127.0.0.1:" + a.port() + "/drain", "").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = gw.post("/api/chat",
                    "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(res.headers().firstValue("X-OllamaMax-Node")).hasValue("127.0.0.1:" + b.port());
        }
    }
}
