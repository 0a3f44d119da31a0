package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.bench.RawWebSocket;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatHeartbeatTest {

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;

    @BeforeEach
    void start() {
        node = FakeOllama.start().model("llama3.2");
        gw = ChatGateway.start(home, c -> c.set(Setting.WS_HEARTBEAT_MS, "200"), node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    @Test
    void aSilentConnectionIsPingedAndStaysWhileItAnswers() throws Exception {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.next(ServerFrame.Hello.class);
            ChatControlTest.awaitTrue(() -> ws.pings.get() >= 3); // well past three heartbeats of silence
            assertThat(ws.closed).isNull();
            ws.send(new ClientFrame.Ping(1L));
            assertThat(ws.next(ServerFrame.Pong.class).timestamp()).isEqualTo(1L);
        }
    }

    @Test
    void aConnectionThatAnswersNoPingIsClosed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", gw.port(Listener.WEBSOCKET), "/chat")) {
            assertThat(ws.readText(5000)).contains("\"hello\"");
            ChatControlTest.awaitTrue(() -> gw.gauge("ollamamax.ws.connections", "listener", "websocket") == 1);
            boolean sawPing = false;
            boolean ended = false;
            long deadline = System.currentTimeMillis() + 5000;
            while (!ended && System.currentTimeMillis() < deadline) {
                try {
                    RawWebSocket.Frame f = ws.read(5000);
                    ended = f == null || f.opcode() == RawWebSocket.CLOSE;
                    sawPing |= f != null && f.opcode() == RawWebSocket.PING;
                } catch (SocketException e) {
                    ended = true;
                } catch (IOException e) {
                    break;
                }
            }
            assertThat(sawPing).isTrue();
            assertThat(ended).isTrue();
            ChatControlTest.awaitTrue(() -> gw.gauge("ollamamax.ws.connections", "listener", "websocket") == 0);
        }
    }
}
