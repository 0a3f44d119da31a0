package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SharedStores;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes added, drained and removed through one instance's API are seen by the others on the same Redis. */
class SharedNodesTest {

    @TempDir
    Path homeA;
    @TempDir
    Path homeB;
    @TempDir
    Path homeC;

    private final String cluster = java.util.UUID.randomUUID().toString();

    private Gateway gateway(Path home) throws Exception {
        Gateway g = TestGateways.start(TestGateways.config(home)
                .set(Setting.CLUSTER_ID, cluster)
                .set(Setting.AUTH_ENABLED, "false")
                .set(Setting.DATABASE_URL, SharedStores.get().jdbcUrl())
                .set(Setting.REDIS_URL, SharedStores.get().redisUrl()).build(), ctx -> List.of());
        TestGateways.awaitStores(g, true, Duration.ofSeconds(30));
        return g;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void aNodeAddedOnOneInstanceIsSeenByTheOthersAndByOneStartedLater() throws Exception {
        try (FakeOllama extra = FakeOllama.start().model("phi3");
             Gateway a = gateway(homeA);
             Gateway b = gateway(homeB)) {
            String id = "127.0.0.1:" + extra.port();
            var post = dev.ollamamax.server.testing.TestHttpCalls.post(a, "/api/v1/nodes", "{\"url\":\"" + extra.url() + "\"}");
            assertThat(post.statusCode()).isEqualTo(201);
            NodeRegistry onB = b.feature(NodesFeature.class).orElseThrow().registry();
            await(() -> onB.get(id).map(n -> n.status() == NodeStatus.UP).orElse(false));

            assertThat(dev.ollamamax.server.testing.TestHttpCalls.post(a, "/api/v1/nodes/" + id + "/drain", "").statusCode()).isEqualTo(200);
            await(() -> onB.get(id).map(Node::draining).orElse(false));

            try (Gateway c = gateway(homeC)) {
                NodeRegistry onC = c.feature(NodesFeature.class).orElseThrow().registry();
                await(() -> onC.get(id).isPresent());
                assertThat(onC.get(id).orElseThrow().draining()).isTrue();

                assertThat(dev.ollamamax.server.testing.TestHttpCalls.delete(b, "/api/v1/nodes/" + id).statusCode()).isEqualTo(204);
                await(() -> a.feature(NodesFeature.class).orElseThrow().registry().get(id).isEmpty());
                await(() -> onC.get(id).isEmpty());
            }
        }
    }
}
