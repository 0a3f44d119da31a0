package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.bench.RawWebSocket;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServerFrame.ErrorFrame;
import dev.ollamamax.shared.protocol.ServerFrame.StreamChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatErrorsTest {

    static final int LIMIT = 64 * 1024;

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;

    @BeforeEach
    void start() {
        node = FakeOllama.start().reply("llama3.2", List.of("a", "b", "c")).loaded("llama3.2");
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_MAX_FRAME_BYTES, Integer.toString(LIMIT)), node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json            | {\"type\":                        | not valid JSON",
            "not an object       | [1,2]                             | must be a JSON object",
            "no type             | {\"id\":\"x\"}                    | has no \"type\"",
            "unknown type        | {\"type\":\"dance\"}              | Unknown frame type \"dance\"",
            "inference no id     | {\"type\":\"inference\",\"model\":\"llama3.2\",\"content\":\"hi\"} | needs an \"id\"",
            "inference no model  | {\"type\":\"inference\",\"id\":\"i1\",\"content\":\"hi\"} | needs \"model\"",
            "no content          | {\"type\":\"inference\",\"id\":\"i1\",\"model\":\"llama3.2\"} | needs \"messages\"",
            "bad role            | {\"type\":\"inference\",\"id\":\"i1\",\"model\":\"m\",\"messages\":[{\"role\":\"boss\",\"content\":\"x\"}]} | messages[0].role",
            "bad setting         | {\"type\":\"inference\",\"id\":\"i1\",\"model\":\"m\",\"content\":\"x\",\"settings\":{\"temperature\":\"hot\"}} | settings.temperature",
            "cancel no id        | {\"type\":\"cancel\"}             | needs an \"id\"",
            "bad topic           | {\"type\":\"subscribe\",\"topics\":[\"weather\"]} | Unknown topic",
            "bad timestamp       | {\"type\":\"ping\",\"timestamp\":\"noon\"} | whole number",
            "auth no token       | {\"type\":\"auth\"}               | needs \"token\""
    })
    void badFramesGetBadRequestWithAMessageAndTheConnectionStays(String name, String frame, String says) {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.sendText(frame);
            ErrorFrame e = ws.next(ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.message()).contains(says);
            ws.send(new ClientFrame.Ping(9L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(9L);
        }
    }

    @Test
    void anInvalidInferenceWithAnIdGetsTheErrorUnderThatId() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.sendText("{\"type\":\"inference\",\"id\":\"i9\",\"content\":\"hi\"}");
            assertThat(ws.next(ErrorFrame.class).id()).isEqualTo("i9");
        }
    }

    @Test
    void binaryMessagesAreABadRequest() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.sendBinary(new byte[] {1, 2, 3});
            assertThat(ws.next(ErrorFrame.class).message()).contains("Binary messages");
        }
    }

    @Test
    void aFrameOverTheLimitIsTooLargeAndTheConnectionKeepsWorking() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            String big = "{\"type\":\"inference\",\"id\":\"big\",\"model\":\"llama3.2\",\"content\":\"" + "x".repeat(LIMIT) + "\"}";
            ws.sendText(big);
            ErrorFrame e = ws.next(ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(e.id()).isNull();
            assertThat(e.message()).contains(Integer.toString(big.length())).contains(Integer.toString(LIMIT));
            ws.send(ClientFrame.Inference.of("after", "llama3.2", "hi"));
            assertThat(((StreamChunk) ws.generation("after").reversed().get(1)).doneReason()).isEqualTo("stop");
        }
    }

    @Test
    void aFrameOverTheTransportLimitClosesTheConnectionWithMessageTooBig() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", gw.port(Listener.PRIMARY), "/chat")) {
            assertThat(ws.readText(5000)).contains("hello");
            try {
                ws.send(RawWebSocket.TEXT, true, new byte[8 * LIMIT + 10]);
            } catch (java.net.SocketException e) {
                // the server stops reading once it has seen the frame's length
            }
            RawWebSocket.Frame close = ws.read(5000);
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageIsAssembledAndOneOverTheLimitIsTooLarge() {
        try (TestWs ws = gw.connect(Listener.WEBSOCKET)) {
            ws.sendFragments("{\"type\":\"infer", "ence\",\"id\":\"f1\",\"model\":\"llama3.2\",", "\"content\":\"hi\"}");
            assertThat(ws.generation("f1").getFirst()).isInstanceOf(ServerFrame.Response.class);
            String part = "y".repeat(LIMIT / 2);
            ws.sendFragments("{\"type\":\"ping\",\"pad\":\"", part, part, part, "\"}");
            assertThat(ws.next(ErrorFrame.class).code()).isEqualTo(ErrorCode.TOO_LARGE);
            ws.send(new ClientFrame.Ping(3L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(3L);
        }
    }

    @Test
    void anUnknownModelIsModelNotFound() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("u1", "no-such-model", "hi"));
            List<ServerFrame> frames = ws.generation("u1");
            assertThat(frames).hasSize(1);
            ErrorFrame e = (ErrorFrame) frames.getFirst();
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
            assertThat(e.message()).contains("no-such-model");
        }
        ChatControlTest.awaitTrue(() -> gw.counter("ollamamax.ws.generations", "outcome", "error") == 1);
    }

    @Test
    void noNodeUpIsNoHealthyNode() {
        node.stop();
        gw.nodes().prober().probeAll();
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("n1", "llama3.2", "hi"));
            ErrorFrame e = (ErrorFrame) ws.generation("n1").getFirst();
            assertThat(e.code()).isEqualTo(ErrorCode.NO_HEALTHY_NODE);
            assertThat(e.id()).isEqualTo("n1");
        }
    }

    @Test
    void anUnknownPinnedNodeIsABadRequest() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Inference("p1", "llama3.2", null, "hi", null, null, "10.9.9.9:1"));
            ErrorFrame e = (ErrorFrame) ws.generation("p1").getFirst();
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.message()).contains("10.9.9.9:1");
        }
    }

    @ParameterizedTest
    @CsvSource({"ERROR_LINE_AFTER_FIRST_TOKEN", "CUT_AFTER_FIRST_TOKEN"})
    void aNodeFailingMidAnswerEndsTheGenerationWithOneUpstreamErrorAndNoDone(Failure failure) {
        node.failNext(failure);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("x1", "llama3.2", "hi"));
            List<ServerFrame> frames = ws.generation("x1");
            assertThat(frames.getFirst()).isInstanceOf(ServerFrame.Response.class);
            assertThat(frames.get(1)).isInstanceOf(StreamChunk.class);
            ErrorFrame e = (ErrorFrame) frames.getLast();
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.id()).isEqualTo("x1");
            assertThat(frames).noneMatch(f -> f instanceof StreamChunk c && c.done());
        }
    }

    @Test
    void aNodeFailingBeforeTheFirstTokenIsRetriedOnAnotherNode() {
        // the second node has the model but not loaded, so the router tries the first node first
        try (FakeOllama second = FakeOllama.start().reply("llama3.2", List.of("a", "b", "c"))) {
            gw.nodes().registry().add(second.url(), java.util.Optional.empty());
            gw.nodes().prober().probeAll();
            node.failNext(Failure.STATUS_500_BEFORE_FIRST_TOKEN);
            try (TestWs ws = gw.connect(Listener.PRIMARY)) {
                ws.send(ClientFrame.Inference.of("r1", "llama3.2", "hi"));
                List<ServerFrame> frames = ws.generation("r1");
                assertThat(((ServerFrame.Response) frames.getFirst()).node()).isEqualTo("127.0.0.1:" + second.port());
                assertThat(((StreamChunk) frames.get(frames.size() - 2)).doneReason()).isEqualTo("stop");
                assertThat(frames).noneMatch(f -> f instanceof ErrorFrame);
            }
            assertThat(node.requests()).anyMatch(r -> r.path().equals("/api/chat"));
        }
    }

    @Test
    void aDuplicateRunningIdIsRefusedWithoutDisturbingTheRunningGeneration() {
        node.tokenDelay(Duration.ofMillis(100));
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(ClientFrame.Inference.of("d1", "llama3.2", "hi"));
            ws.next(ServerFrame.Response.class);
            ws.send(ClientFrame.Inference.of("d1", "llama3.2", "hi"));
            ErrorFrame e = ws.next(ErrorFrame.class);
            assertThat(e.id()).isNull();
            assertThat(e.message()).contains("d1");
            assertThat(ws.generation("d1").reversed().get(1)).isInstanceOfSatisfying(StreamChunk.class, c -> assertThat(c.done()).isTrue());
        }
    }

    @Test
    void tooManyGenerationsOnOneConnectionIsRateLimited() {
        node.failAlways(Failure.HANG_AFTER_FIRST_TOKEN);
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            for (int i = 0; i < ServerChatSession.MAX_GENERATIONS; i++) {
                ws.send(ClientFrame.Inference.of("h" + i, "llama3.2", "hi"));
            }
            for (int i = 0; i < ServerChatSession.MAX_GENERATIONS; i++) {
                ws.next(ServerFrame.Response.class);
            }
            ws.send(ClientFrame.Inference.of("one-more", "llama3.2", "hi"));
            ErrorFrame e = ws.next(ErrorFrame.class);
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.id()).isEqualTo("one-more");
        }
    }
}
