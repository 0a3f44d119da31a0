package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.chatclient.ChatClientEvent;
import dev.ollamamax.shared.chatclient.ChatClientEvent.Connected;
import dev.ollamamax.shared.chatclient.ChatClientEvent.Disconnected;
import dev.ollamamax.shared.chatclient.ChatClientEvent.FailedOver;
import dev.ollamamax.shared.chatclient.ChatClientEvent.GenerationLost;
import dev.ollamamax.shared.chatclient.ChatClientOptions;
import dev.ollamamax.shared.chatclient.FallbackChatClient;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServerFrame.StreamChunk;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackChatClientTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final List<String> TOKENS = List.of("Al", "pha", " beta");

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;
    FallbackChatClient client;
    final ClientRecorder events = new ClientRecorder();

    @BeforeEach
    void start() {
        node = FakeOllama.start().reply("llama3.2", TOKENS).loaded("llama3.2");
        gw = ChatGateway.start(home, c -> c, node);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        gw.close();
        node.close();
    }

    URI endpoint(Listener listener) {
        return URI.create("ws://127.0.0.1:" + gw.port(listener) + "/chat");
    }

    FallbackChatClient client(List<URI> endpoints) {
        ChatClientOptions options = ChatClientOptions.of(endpoints).withConnectTimeout(Duration.ofSeconds(1))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).withPreferredCheckInterval(Duration.ofMillis(200));
        client = new FallbackChatClient(options);
        client.addListener(events);
        client.connect();
        return client;
    }

    List<URI> chain() {
        return List.of(endpoint(Listener.PRIMARY), endpoint(Listener.WEBSOCKET), endpoint(Listener.FALLBACK));
    }

    /** Exactly one response, the tokens once each in order, one done, one metrics: nothing lost, nothing twice. */
    void assertAnsweredOnce(String id) {
        events.awaitEnd(id, WAIT);
        events.await(e -> e instanceof ChatClientEvent.Received r && r.frame() instanceof ServerFrame.GenerationMetrics m
                && m.id().equals(id), WAIT);
        List<ServerFrame> frames = events.frames(id);
        assertThat(frames.getFirst()).isInstanceOf(ServerFrame.Response.class);
        assertThat(frames.stream().filter(f -> f instanceof ServerFrame.Response)).hasSize(1);
        assertThat(frames.stream().filter(f -> f instanceof StreamChunk c && !c.done()).map(f -> ((StreamChunk) f).chunk()))
                .containsExactlyElementsOf(TOKENS);
        assertThat(frames.stream().filter(f -> f instanceof StreamChunk c && c.done())).hasSize(1);
        assertThat(frames.stream().filter(f -> f instanceof ServerFrame.GenerationMetrics)).hasSize(1);
        assertThat(frames).noneMatch(f -> f instanceof ServerFrame.ErrorFrame);
    }

    long chatRequests() {
        return node.requests().stream().filter(r -> r.path().equals("/api/chat")).count();
    }

    @Test
    void failsOverToTheWebSocketListenerWhenThePrimaryStopsAndReturnsWhenItIsBack() {
        client(chain());
        assertThat(((Connected) events.await(e -> e instanceof Connected, WAIT)).listener()).isEqualTo("primary");
        client.send(ClientFrame.Inference.of("q1", "llama3.2", "first"));
        assertAnsweredOnce("q1");

        gw.gateway.stop(Listener.PRIMARY);
        events.await(e -> e instanceof Disconnected, WAIT);
        long sent = System.nanoTime();
        client.send(ClientFrame.Inference.of("q2", "llama3.2", "second"));
        events.awaitEnd("q2", WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        assertAnsweredOnce("q2");
        assertThat(events.all(FailedOver.class)).containsExactly(new FailedOver(endpoint(Listener.PRIMARY), endpoint(Listener.WEBSOCKET)));
        assertThat(events.all(Connected.class).getLast().listener()).isEqualTo("websocket");
        assertThat(client.listenerName()).contains("websocket");

        gw.gateway.start(Listener.PRIMARY);
        events.await(e -> e instanceof FailedOver f && f.to().equals(endpoint(Listener.PRIMARY)), WAIT);
        events.await(e -> e instanceof Connected c && c.listener().equals("primary") && events.all(Connected.class).size() == 3, WAIT);
        client.send(ClientFrame.Inference.of("q3", "llama3.2", "third"));
        assertAnsweredOnce("q3");
        assertThat(client.endpoint()).contains(endpoint(Listener.PRIMARY));

        assertThat(events.all(GenerationLost.class)).isEmpty();
        assertThat(chatRequests()).isEqualTo(3);
    }

    @Test
    void messagesSentWhileNoEndpointAnswersAreDeliveredOnceWhenOneComesBack() throws Exception {
        for (Listener l : Listener.values()) {
            gw.gateway.stop(l);
        }
        client(chain());
        client.send(ClientFrame.Inference.of("w1", "llama3.2", "one"));
        client.send(ClientFrame.Inference.of("w2", "llama3.2", "two"));
        ChatControlTest.awaitTrue(() -> client.failedAttempts() >= 2L * Listener.values().length); // two rounds, with backoff
        assertThat(client.isConnected()).isFalse();
        assertThat(chatRequests()).isZero();

        gw.gateway.start(Listener.FALLBACK);
        assertThat(((Connected) events.await(e -> e instanceof Connected, WAIT)).listener()).isEqualTo("fallback");
        assertAnsweredOnce("w1");
        assertAnsweredOnce("w2");
        assertThat(chatRequests()).isEqualTo(2);
    }

    @Test
    void aGenerationCutByTheLostConnectionIsReportedLostAndNotSentAgain() {
        node.tokenDelay(Duration.ofMillis(300));
        client(chain());
        events.await(e -> e instanceof Connected, WAIT);
        client.send(ClientFrame.Inference.of("long", "llama3.2", "tell me a story"));
        events.await(e -> e instanceof ChatClientEvent.Received r && r.frame() instanceof StreamChunk, WAIT);

        gw.gateway.stop(Listener.PRIMARY);
        GenerationLost lost = (GenerationLost) events.await(e -> e instanceof GenerationLost, WAIT);
        assertThat(lost.id()).isEqualTo("long");
        node.tokenDelay(Duration.ZERO);
        client.send(ClientFrame.Inference.of("retry", "llama3.2", "tell me a story"));
        assertAnsweredOnce("retry");
        assertThat(events.frames("long")).noneMatch(f -> f instanceof StreamChunk c && c.done());
        assertThat(chatRequests()).isEqualTo(2);
    }

    @Test
    void connectsToTheFirstEndpointThatAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        client(List.of(URI.create("ws://127.0.0.1:" + closedPort + "/chat"), endpoint(Listener.WEBSOCKET), endpoint(Listener.FALLBACK)));
        Connected c = (Connected) events.await(e -> e instanceof Connected, WAIT);
        assertThat(c.endpoint()).isEqualTo(endpoint(Listener.WEBSOCKET));
        assertThat(c.listener()).isEqualTo("websocket");
    }

    @Test
    void pingsASilentServerAndLeavesItWhenNothingComesBack() throws Exception {
        try (SilentChatServer silent = new SilentChatServer()) {
            ChatClientOptions options = ChatClientOptions.of(List.of(URI.create("ws://127.0.0.1:" + silent.port() + "/chat"),
                            endpoint(Listener.WEBSOCKET)))
                    .withPreferredCheckInterval(Duration.ofMinutes(10))
                    .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(800));
            client = new FallbackChatClient(options);
            client.addListener(events);
            client.connect();
            assertThat(((Connected) events.await(e -> e instanceof Connected, WAIT)).listener()).isEqualTo("silent");
            Disconnected d = (Disconnected) events.await(e -> e instanceof Disconnected, WAIT);
            assertThat(d.reason()).contains("no traffic");
            assertThat(silent.received).anyMatch(text -> text.contains("\"ping\""));
            assertThat(((Connected) events.await(e -> e instanceof Connected c && c.listener().equals("websocket"), WAIT)).endpoint())
                    .isEqualTo(endpoint(Listener.WEBSOCKET));
        }
    }
}
