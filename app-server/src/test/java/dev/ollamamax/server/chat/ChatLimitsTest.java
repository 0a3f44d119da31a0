package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.bench.RawWebSocket;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits of a chat connection: no echoed input, bytes queued for a client, generations per user, idle time. */
class ChatLimitsTest {

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** Any token is a user of that name. */
    static final ChatAuth TOKEN_IS_USER = new ChatAuth() {
        @Override
        public boolean required() {
            return true;
        }

        @Override
        public Optional<ChatPrincipal> authenticate(String token) {
            return Optional.of(new ChatPrincipal(token, "user", Optional.empty()));
        }
    };

    @Test
    void anUnknownTypeOfAMegabyteIsNotEchoed() {
        node = FakeOllama.start().model("llama3.2");
        gw = ChatGateway.start(home, c -> c, node);
        String type = "x".repeat(900_000);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.sendText("{\"type\":\"" + type + "\"}");
            ServerFrame.ErrorFrame e = ws.next(ServerFrame.ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.message()).hasSizeLessThan(300).contains("900000 characters");
            ws.sendText("{\"type\":\"subscribe\",\"topics\":[\"" + type + "\"]}");
            assertThat(ws.next(ServerFrame.ErrorFrame.class).message()).hasSizeLessThan(300);
        }
    }

    @Test
    void aUserCannotRunMoreGenerationsThanTheCapOverAllTheirConnections() {
        node = FakeOllama.start().model("llama3.2").reply("llama3.2", Collections.nCopies(50, "t")).tokenDelay(Duration.ofMillis(100));
        gw = ChatGateway.withChat(home, c -> c.set(Setting.WS_MAX_CONCURRENT_GENERATIONS, "2"), TOKEN_IS_USER,
                ConversationSink.none(), node);
        try (TestWs one = gw.connect(Listener.PRIMARY, "?token=ada", Map.of());
             TestWs two = gw.connect(Listener.FALLBACK, "?token=ada", Map.of());
             TestWs other = gw.connect(Listener.WEBSOCKET, "?token=bob", Map.of())) {
            one.next(ServerFrame.AuthOk.class);
            two.next(ServerFrame.AuthOk.class);
            other.next(ServerFrame.AuthOk.class);
            one.send(new ClientFrame.Inference("a1", "llama3.2", null, "hi", null, null, null));
            two.send(new ClientFrame.Inference("a2", "llama3.2", null, "hi", null, null, null));
            one.next(f -> f instanceof ServerFrame.Response r && r.id().equals("a1"));
            two.next(f -> f instanceof ServerFrame.Response r && r.id().equals("a2"));
            two.send(new ClientFrame.Inference("a3", "llama3.2", null, "hi", null, null, null));
            ServerFrame.ErrorFrame refused = two.next(ServerFrame.ErrorFrame.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_GENERATIONS);
            assertThat(refused.id()).isEqualTo("a3");
            // another user is not affected
            other.send(new ClientFrame.Inference("b1", "llama3.2", null, "hi", null, null, null));
            other.next(f -> f instanceof ServerFrame.Response r && r.id().equals("b1"));
            // a finished (here: cancelled) generation gives its permit back
            one.send(new ClientFrame.Cancel("a1"));
            assertThat(one.generation("a1")).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
            two.send(new ClientFrame.Inference("a4", "llama3.2", null, "hi", null, null, null));
            two.next(f -> f instanceof ServerFrame.Response r && r.id().equals("a4"));
        }
    }

    @Test
    void aConnectionWithoutClientMessagesIsClosedAfterTheIdleTimeout() throws Exception {
        node = FakeOllama.start().model("llama3.2");
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_IDLE_TIMEOUT_MS, "700").set(Setting.WS_HEARTBEAT_MS, "400"), node);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.next(ServerFrame.Hello.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ws.closed == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ws.closed).startsWith("1000").contains("WS_IDLE_TIMEOUT_MS");
        }
    }

    @Test
    void aClientThatKeepsSendingIsNotIdle() throws Exception {
        node = FakeOllama.start().model("llama3.2");
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_IDLE_TIMEOUT_MS, "700").set(Setting.WS_HEARTBEAT_MS, "400"), node);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            for (int i = 0; i < 8; i++) {
                ws.send(new ClientFrame.Ping((long) i));
                Thread.sleep(250);
            }
            assertThat(ws.closed).isNull();
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedOnceItsQueueHoldsTooManyBytes() throws Exception {
        List<String> tokens = new ArrayList<>(Collections.nCopies(4000, "y".repeat(4096)));
        node = FakeOllama.start().model("llama3.2").reply("llama3.2", tokens);
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_MAX_OUTBOUND_BYTES, "65536").set(Setting.WS_HEARTBEAT_MS, "1000"), node);
        try (RawWebSocket raw = RawWebSocket.connect("127.0.0.1", gw.port(Listener.PRIMARY), "/chat", 4096)) {
            raw.sendText("{\"type\":\"inference\",\"id\":\"big\",\"model\":\"llama3.2\",\"content\":\"hi\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            // the client keeps talking (so the heartbeat sees it alive) but never reads
            while (gw.chat().connections() > 0 && System.nanoTime() < deadline) {
                try {
                    raw.sendText("{\"type\":\"ping\"}");
                } catch (java.io.IOException e) {
                    break; // dropped
                }
                Thread.sleep(100);
            }
            assertThat(gw.chat().connections()).isZero();
            // the generation was stopped: the node is not left streaming to nobody
            while (node.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(node.inFlight()).isZero();
        }
    }
}
