package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.nodes.HostileNode.Behaviour;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model management is never sent twice, and inference moves to another node only when the first cannot
 * have processed it. The hostile node counts every request it read in full.
 */
class OnceMeansOnceTest {

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
        gw = TestGateway.start(home, Map.of(Setting.OLLAMA_NODES, bad.url() + "," + good.url()));
    }

    @AfterEach
    void stop() {
        gw.close();
        bad.close();
        good.close();
    }

    @Test
    void aPullThatTheNodeReadAndCutIsNotSentAgain() {
        bad.behave(Behaviour.CLOSE_AFTER_READ);
        HttpResponse<String> res = gw.post("/api/pull", "{\"model\":\"llama3.2\",\"node\":\"" + bad.id() + "\"}");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(gw.json(res.body()).path("code").asText()).isEqualTo("upstream_error");
        assertThat(bad.count("POST /api/pull")).isEqualTo(1);
        assertThat(good.requests()).noneMatch(r -> r.path().equals("/api/pull"));
    }

    @Test
    void aDeleteThatTheNodeReadAndCutIsNotSentAgain() {
        bad.behave(Behaviour.CLOSE_AFTER_READ);
        HttpResponse<String> res = gw.send("DELETE", "/api/delete", "{\"model\":\"llama3.2\",\"node\":\"" + bad.id() + "\"}");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(bad.count("DELETE /api/delete")).isEqualTo(1);
        assertThat(good.requests()).noneMatch(r -> r.path().equals("/api/delete"));
    }

    @Test
    void aCopyThatTheNodeReadAndCutIsNotSentAgain() {
        bad.behave(Behaviour.CLOSE_AFTER_READ);
        HttpResponse<String> res = gw.post("/api/copy",
                "{\"source\":\"llama3.2\",\"destination\":\"mine\",\"node\":\"" + bad.id() + "\"}");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(bad.count("POST /api/copy")).isEqualTo(1);
    }

    @Test
    void inferenceThatTheNodeReadAndCutIsNotSentToAnotherNode() {
        bad.behave(Behaviour.CLOSE_AFTER_READ); // bad has the model loaded: it is tried first
        HttpResponse<String> res = gw.post("/api/chat", CHAT);
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(bad.count("POST /api/chat")).isEqualTo(1);
        assertThat(good.requests()).noneMatch(r -> r.path().equals("/api/chat"));
    }

    @Test
    void inferenceRefusedAtTheDoorMovesToTheNextNode() {
        bad.close(); // nothing listens there any more: the request cannot have been processed
        HttpResponse<String> res = gw.post("/api/chat", CHAT);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("good");
        assertThat(good.requests()).filteredOn(r -> r.path().equals("/api/chat")).hasSize(1);
    }

    @Test
    void aPooledConnectionTheNodeClosedIsReplacedBeforeAnythingIsWritten() throws Exception {
        bad.behave(Behaviour.CLOSE_AFTER_ANSWER); // answers, then closes the kept-alive connection
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> res = gw.post("/api/chat", CHAT);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("hostile");
            assertThat(bad.count("POST /api/chat")).isEqualTo(i);
            Thread.sleep(100); // the node's close reaches the gateway while the connection sits in the pool
        }
        assertThat(good.requests()).noneMatch(r -> r.path().equals("/api/chat"));
    }
}
