package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterApiTest {

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3.2").loaded("llama3.2");
        b = FakeOllama.start().model("phi3");
        gw = TestGateway.start(home, a);
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
    }

    @Test
    void listsNodesWithHealthModelsAndLatency() {
        JsonNode node = gw.json(gw.get("/api/v1/nodes").body()).path("nodes").get(0);
        assertThat(node.path("status").asText()).isEqualTo("up");
        assertThat(node.path("models").get(0).asText()).isEqualTo("llama3.2:latest");
        assertThat(node.path("loaded").get(0).asText()).isEqualTo("llama3.2:latest");
        assertThat(node.path("in_flight").asInt()).isZero();
        assertThat(node.path("latency_ms").isNumber()).isTrue();
    }

    @Test
    void addsANodeAfterAConnectionTestAndRoutesToIt() {
        HttpResponse<String> res = gw.post("/api/v1/nodes", "{\"url\":\"" + b.url() + "\",\"name\":\"gpu-box\"}");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(gw.json(res.body()).path("name").asText()).isEqualTo("gpu-box");
        assertThat(gw.post("/api/generate", "{\"model\":\"phi3\",\"prompt\":\"x\",\"stream\":false}").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToAddANodeThatDoesNotAnswerAndSaysWhy() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpResponse<String> res = gw.post("/api/v1/nodes", "{\"url\":\"http://127.0.0.1:" + closed + "\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(gw.json(res.body()).path("error").asText()).contains("connection refused").contains("not added");
        assertThat(gw.json(gw.get("/api/v1/nodes").body()).path("nodes")).hasSize(1);
    }

    @Test
    void refusesABadUrl() {
        HttpResponse<String> res = gw.post("/api/v1/nodes", "{\"url\":\"ftp://x\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(gw.post("/api/v1/nodes", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void testsANodeWithoutAddingIt() {
        JsonNode res = gw.json(gw.post("/api/v1/nodes/test", "{\"url\":\"" + b.url() + "\"}").body());
        assertThat(res.path("ok").asBoolean()).isTrue();
        assertThat(res.path("version").asText()).isNotBlank();
        assertThat(gw.json(gw.get("/api/v1/nodes").body()).path("nodes")).hasSize(1);
    }

    @Test
    void removesAndDrainsNodes() {
        String id = "127.0.0.1:" + a.port();
        assertThat(gw.json(gw.post("/api/v1/nodes/" + id + "/drain", "").body()).path("status").asText()).isEqualTo("draining");
        assertThat(gw.json(gw.get("/api/v1/cluster/status").body()).path("nodes_draining").asInt()).isEqualTo(1);
        assertThat(gw.post("/api/v1/nodes/" + id + "/undrain", "").statusCode()).isEqualTo(200);
        assertThat(gw.send("DELETE", "/api/v1/nodes/" + id, null).statusCode()).isEqualTo(204);
        assertThat(gw.get("/api/v1/nodes/" + id).statusCode()).isEqualTo(404);
        assertThat(gw.json(gw.get("/api/v1/cluster/status").body()).path("status").asText()).isEqualTo("no_healthy_node");
    }

    @Test
    void modelsPerNode() {
        JsonNode res = gw.json(gw.get("/api/v1/nodes/127.0.0.1:" + a.port() + "/models").body());
        assertThat(res.path("models").get(0).path("name").asText()).isEqualTo("llama3.2:latest");
    }

    @Test
    void metricsShowNodeUpAndRequestsByRoute() {
        gw.get("/api/tags");
        String metrics = gw.get("/metrics").body();
        assertThat(metrics).contains("ollamamax_node_up{node=\"127.0.0.1:" + a.port() + "\"} 1");
        assertThat(metrics).contains("ollamamax_http_requests_seconds_count{listener=\"primary\",method=\"GET\",route=\"/api/tags\",status=\"200\"}");
    }
}
