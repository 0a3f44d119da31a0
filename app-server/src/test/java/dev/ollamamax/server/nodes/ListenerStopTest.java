package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a listener cuts its clients' requests; that is the gateway's doing, not the node's. */
class ListenerStopTest {

    @TempDir
    Path home;
    FakeOllama node;
    TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        node.close();
    }

    @Test
    void stoppingTheListenerMidRequestDoesNotMarkTheNodeFailed() throws Exception {
        node = FakeOllama.start().reply("llama3.2", IntStream.range(0, 40).mapToObj(i -> " t" + i).toList())
                .tokenDelay(Duration.ofMillis(50));
        gw = TestGateway.start(home, node);
        Thread client = Thread.ofVirtual().start(() -> {
            try {
                gw.post("/api/chat", "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            } catch (RuntimeException expected) {
                // the listener is stopped under it
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (node.inFlight() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(node.inFlight()).isEqualTo(1);

        gw.gateway().stop(Listener.PRIMARY);
        client.join(Duration.ofSeconds(10));

        List<NodeSnapshot> nodes = gw.nodes().registry().snapshots();
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(NodeStatus.UP);
            assertThat(n.lastError()).isEmpty();
        });
        assertThat(gw.nodes().registry().candidates("llama3.2")).hasSize(1);
    }
}
