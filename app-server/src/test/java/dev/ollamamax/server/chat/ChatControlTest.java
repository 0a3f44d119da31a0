package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.NodeInfo;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServerFrame.StreamChunk;
import dev.ollamamax.shared.protocol.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatControlTest {

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;

    @BeforeEach
    void start() {
        node = FakeOllama.start().reply("llama3.2", List.of("one", " two", " three", " four")).loaded("llama3.2");
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_METRICS_INTERVAL_MS, "100"), node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    @Test
    void cancelClosesTheNodeRequestAndEndsWithACancelledDone() throws Exception {
        node.failNext(Failure.HANG_AFTER_FIRST_TOKEN);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("c1", "llama3.2", "hi"));
            ws.next(f -> f instanceof StreamChunk c && !c.done());
            assertThat(node.inFlight()).isEqualTo(1);
            ws.send(new ClientFrame.Cancel("c1"));
            List<ServerFrame> frames = ws.generation("c1");
            StreamChunk done = (StreamChunk) frames.get(frames.size() - 2);
            assertThat(done.doneReason()).isEqualTo("cancelled");
            assertThat(done.usage().completionTokens()).isEqualTo(1);
            assertThat(frames.getLast()).isInstanceOf(ServerFrame.GenerationMetrics.class);
            awaitTrue(() -> node.inFlight() == 0);
            // the connection is still fine
            ws.send(ClientFrame.Inference.of("c2", "llama3.2", "again"));
            assertThat(((StreamChunk) ws.generation("c2").reversed().get(1)).doneReason()).isEqualTo("stop");
        }
        ChatControlTest.awaitTrue(() -> gw.counter("ollamamax.ws.generations", "outcome", "cancelled") == 1);
    }

    @Test
    void cancelBeforeTheNodeAnswersEndsAtOnceAndLeavesTheNodeHealthy() throws Exception {
        node.tokenDelay(Duration.ofSeconds(2)); // the node takes 2 s to its first token, like a model loading
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.next(ServerFrame.Hello.class);
            ws.send(ClientFrame.Inference.of("early", "llama3.2", "hi"));
            awaitTrue(() -> node.inFlight() == 1);
            long sent = System.nanoTime();
            ws.send(new ClientFrame.Cancel("early"));
            StreamChunk done = (StreamChunk) ws.next(f -> f.generationId().filter("early"::equals).isPresent());
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat(done.done()).isTrue();
            assertThat(done.doneReason()).isEqualTo("cancelled");
            assertThat(done.node()).isNull();
            // when the node answers later, nothing more is sent for that id
            assertThat(ws.drain(Duration.ofMillis(2500))).noneMatch(f -> f.generationId().isPresent());
            awaitTrue(() -> node.inFlight() == 0);
            ws.send(new ClientFrame.GetNodes());
            assertThat(ws.next(ServerFrame.NodeList.class).nodes().getFirst().status()).isEqualTo("up");
            node.tokenDelay(Duration.ZERO);
            ws.send(ClientFrame.Inference.of("early", "llama3.2", "again")); // the id is free again
            assertThat(((StreamChunk) ws.generation("early").reversed().get(1)).doneReason()).isEqualTo("stop");
        }
    }

    @Test
    void cancellingAGenerationThatIsNotRunningIsABadRequestWithoutId() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Cancel("nope"));
            ServerFrame.ErrorFrame e = ws.next(ServerFrame.ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.id()).isNull();
            assertThat(e.message()).contains("nope");
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheSameTimestamp() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Ping(1234567L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(1234567L);
            ws.send(new ClientFrame.Ping(null));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isNull();
        }
    }

    @Test
    void getNodesListsEveryNodeWithItsStateAndModels() {
        try (TestWs ws = gw.connect(Listener.WEBSOCKET)) {
            ws.send(new ClientFrame.GetNodes());
            List<NodeInfo> nodes = ws.next(ServerFrame.NodeList.class).nodes();
            assertThat(nodes).hasSize(1);
            NodeInfo n = nodes.getFirst();
            assertThat(n.id()).isEqualTo("127.0.0.1:" + node.port());
            assertThat(n.url()).isEqualTo(node.url().toString());
            assertThat(n.status()).isEqualTo("up");
            assertThat(n.models()).anyMatch(m -> m.startsWith("llama3.2"));
            assertThat(n.inFlight()).isZero();
            assertThat(n.latencyMs()).isNotNull();
        }
    }

    @Test
    void nodeSubscribersGetNodeAddedUpdatedAndRemoved() {
        try (TestWs ws = gw.connect(Listener.WEBSOCKET); FakeOllama second = FakeOllama.start().model("qwen2.5:0.5b")) {
            ws.send(new ClientFrame.Subscribe(List.of(Topic.NODES)));
            ws.send(new ClientFrame.Ping(1L));
            ws.next(ServerFrame.Pong.class); // the subscription is in place
            var registry = gw.nodes().registry();
            registry.add(second.url(), Optional.of("second"));
            ServerFrame.NodeAdded added = ws.next(ServerFrame.NodeAdded.class);
            assertThat(added.node().name()).isEqualTo("second");
            String id = added.node().id();
            registry.drain(id, true);
            ServerFrame.NodeUpdate update = ws.next(ServerFrame.NodeUpdate.class);
            assertThat(update.node().status()).isEqualTo("draining");
            registry.remove(id);
            assertThat(ws.next(ServerFrame.NodeRemoved.class).node().id()).isEqualTo(id);
        }
    }

    @Test
    void serviceSubscribersGetTheLastStateAndThenEveryUpdate() {
        gw.chat().publishService("PostgreSQL", 5432, "up", Optional.of("postgres (pid 42)"));
        try (TestWs ws = gw.connect(Listener.FALLBACK); TestWs other = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Subscribe(List.of(Topic.SERVICES)));
            ServerFrame.ServiceUpdate replay = ws.next(ServerFrame.ServiceUpdate.class);
            assertThat(replay.service().name()).isEqualTo("PostgreSQL");
            assertThat(replay.service().holder()).isEqualTo("postgres (pid 42)");
            gw.chat().publishService("Redis", 6379, "down", Optional.empty());
            ServerFrame.ServiceUpdate update = ws.next(ServerFrame.ServiceUpdate.class);
            assertThat(update.service().name()).isEqualTo("Redis");
            assertThat(update.service().port()).isEqualTo(6379);
            assertThat(update.service().status()).isEqualTo("down");
            assertThat(update.service().holder()).isNull();
            other.send(new ClientFrame.Ping(5L));
            assertThat(other.next(f -> !(f instanceof ServerFrame.Hello))).isInstanceOf(ServerFrame.Pong.class); // not subscribed
        }
    }

    @Test
    void metricsSubscribersGetPeriodicMeasuredSummaries() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("m1", "llama3.2", "hi"));
            ws.generation("m1");
            ws.send(new ClientFrame.Subscribe(List.of(Topic.METRICS)));
            ServerFrame.MetricsUpdate m = (ServerFrame.MetricsUpdate) ws.next(f -> f instanceof ServerFrame.MetricsUpdate u && u.generations().getOrDefault("done", 0L) == 1);
            assertThat(m.wsConnections()).containsEntry("primary", 1L).containsEntry("websocket", 0L).containsEntry("fallback", 0L);
            assertThat(m.tokensGenerated()).isEqualTo(4);
            assertThat(m.ttftCount()).isEqualTo(1);
            assertThat(m.ttftMsMean()).isNotNull();
            assertThat(m.nodesUp()).isEqualTo(1);
            assertThat(m.nodesTotal()).isEqualTo(1);
            assertThat(m.streamsInFlight()).isZero();
        }
    }

    @Test
    void connectionGaugeFollowsOpenConnectionsPerListenerAlsoWhenAListenerStops() {
        TestWs a = gw.connect(Listener.PRIMARY);
        TestWs b = gw.connect(Listener.PRIMARY);
        TestWs c = gw.connect(Listener.FALLBACK);
        List.of(a, b, c).forEach(ws -> ws.next(ServerFrame.Hello.class));
        assertThat(gw.gauge("ollamamax.ws.connections", "listener", "primary")).isEqualTo(2);
        assertThat(gw.gauge("ollamamax.ws.connections", "listener", "fallback")).isEqualTo(1);
        a.close();
        awaitTrue(() -> gw.gauge("ollamamax.ws.connections", "listener", "primary") == 1);
        gw.gateway.stop(Listener.PRIMARY);
        awaitTrue(() -> gw.gauge("ollamamax.ws.connections", "listener", "primary") == 0);
        assertThat(gw.gauge("ollamamax.ws.connections", "listener", "fallback")).isEqualTo(1);
        b.close();
        c.close();
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

}
