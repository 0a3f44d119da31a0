package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.nodes.HostileNode.Behaviour;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node that sends endless bodies, giant lines, thousands of headers, endless {@code 100 Continue}s, or
 * stalls: every such answer is a clean 502 in the caller's protocol within the (small, test) limits, the
 * node is cooled down, and the healthy node serves the next request.
 */
class HostileNodeTest {

    private static final String CHAT = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TempDir
    Path home;
    HostileNode bad;
    FakeOllama good;
    TestGateway gw;

    @BeforeEach
    void start() {
        bad = HostileNode.start();
        good = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("from", " good"));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        bad.close();
        good.close();
    }

    /** Small limits so that each hostile answer is noticed in about a second. */
    static Map<Setting, String> smallLimits() {
        Map<Setting, String> s = new LinkedHashMap<>();
        s.put(Setting.NODE_MAX_HEADER_BYTES, "1024");
        s.put(Setting.NODE_MAX_HEADERS, "20");
        s.put(Setting.NODE_MAX_LINE_BYTES, "65536");
        s.put(Setting.NODE_MAX_BODY_BYTES, "262144");
        s.put(Setting.NODE_FIRST_BYTE_TIMEOUT_MS, "1000");
        s.put(Setting.STREAM_IDLE_TIMEOUT_MS, "1000");
        return s;
    }

    private void startGateway() {
        Map<Setting, String> settings = smallLimits();
        settings.put(Setting.OLLAMA_NODES, bad.url() + "," + good.url());
        gw = TestGateway.start(home, settings);
    }

    private Node badNode() {
        return gw.nodes().registry().get(bad.id()).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = Behaviour.class, names = {"GIANT_HEADER", "MANY_HEADERS", "ENDLESS_LINE", "ENDLESS_CONTINUE",
            "STALL_AFTER_HEADERS", "STALL_BEFORE_ANY_BYTE", "CLOSE_AFTER_READ"})
    void aHostileAnswerIsACleanBadGatewayAndTheHealthyNodeServesTheNextRequest(Behaviour behaviour) {
        startGateway();
        assertThat(badNode().status()).isEqualTo(NodeStatus.UP); // it answered its probes well
        bad.behave(behaviour);

        long start = System.nanoTime();
        HttpResponse<String> res = gw.post("/api/chat", CHAT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

        assertThat(res.statusCode()).isEqualTo(502);
        JsonNode body = gw.json(res.body());
        assertThat(body.path("code").asText()).isEqualTo("upstream_error");
        assertThat(body.path("error").asText()).contains(bad.id()).doesNotContain("xxxx").doesNotContain("aaaa");
        assertThat(bad.count("POST /api/chat")).isEqualTo(1);
        assertThat(badNode().status()).isEqualTo(NodeStatus.DOWN);

        HttpResponse<String> next = gw.post("/api/chat", CHAT);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("good");
        assertThat(bad.count("POST /api/chat")).isEqualTo(1);
    }

    @Test
    void anEndlessLineOnTheOpenAiApiIsAnOpenAiError() {
        startGateway();
        bad.behave(Behaviour.ENDLESS_LINE);
        HttpResponse<String> res = gw.post("/v1/chat/completions",
                "{\"model\":\"llama3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(502);
        JsonNode error = gw.json(res.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("upstream_error");
        assertThat(error.path("message").asText()).contains("NODE_MAX_LINE_BYTES");
        assertThat(gw.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void anEndlessNonStreamedBodyStopsAtTheBodyLimit() {
        startGateway();
        bad.behave(Behaviour.ENDLESS_BODY);
        HttpResponse<String> res = gw.post("/api/show", "{\"model\":\"llama3.2\"}");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(gw.json(res.body()).path("error").asText()).contains("NODE_MAX_BODY_BYTES").doesNotContain("xxxx");
        assertThat(badNode().status()).isEqualTo(NodeStatus.DOWN);
    }

    @Test
    void aProbeOfAnEndlessBodyFailsWithinTheLimitsAndMarksOnlyThatNodeDown() {
        bad.probesToo();
        startGateway();
        bad.behave(Behaviour.ENDLESS_BODY);
        long start = System.nanoTime();
        gw.probe();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(badNode().status()).isEqualTo(NodeStatus.DOWN);
        assertThat(badNode().snapshot().lastError()).hasValueSatisfying(e -> assertThat(e).contains("NODE_MAX_BODY_BYTES"));
        assertThat(gw.nodes().registry().get("127.0.0.1:" + good.port()).orElseThrow().status()).isEqualTo(NodeStatus.UP);
    }

    @Test
    void aStalledNodeDoesNotDelayAnotherNodesStatus() throws Exception {
        bad.probesToo();
        Map<Setting, String> settings = smallLimits();
        settings.put(Setting.OLLAMA_NODES, bad.url() + "," + good.url());
        settings.put(Setting.NODE_PROBE_INTERVAL_MS, "100");
        settings.put(Setting.NODE_COOLDOWN_MS, "0");
        settings.put(Setting.STREAM_IDLE_TIMEOUT_MS, "60000"); // the stalled probe waits out the 3 s probe timeout
        gw = TestGateway.start(home, settings);
        bad.behave(Behaviour.STALL_AFTER_HEADERS);
        Thread.sleep(300); // the loop is now waiting on the stalled node
        good.stop();
        Node goodNode = gw.nodes().registry().get("127.0.0.1:" + good.port()).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (goodNode.status() != NodeStatus.DOWN && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(goodNode.status()).isEqualTo(NodeStatus.DOWN);
        assertThat(goodNode.snapshot().lastError()).hasValue("connection refused");
    }
}
