package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket {@code /chat} resolves model aliases like the HTTP APIs, and names the model that answered. */
class ChatAliasTest {

    @TempDir
    Path home;

    @Test
    void aChatForAnAliasFallsBackAndTheResponseFrameNamesTheModelUsed() {
        try (FakeOllama big = FakeOllama.start().model("bigcoder:32b");
             FakeOllama small = FakeOllama.start().model("smallcoder:7b");
             TestGateway gw = TestGateway.start(home, Map.of(Setting.MODEL_ALIASES, "coder=bigcoder:32b,smallcoder:7b"), big, small)) {
            big.stop();
            gw.probe();
            try (TestWs ws = TestWs.connect(gw.port(Listener.WEBSOCKET))) {
                ws.send(new ClientFrame.Inference("a1", "coder", null, "hi", null, null, null));
                List<ServerFrame> frames = ws.generation("a1");

                ServerFrame.Response response = (ServerFrame.Response) frames.stream()
                        .filter(ServerFrame.Response.class::isInstance).findFirst().orElseThrow();
                assertThat(response.model()).isEqualTo("smallcoder:7b");
                String text = frames.stream().filter(ServerFrame.StreamChunk.class::isInstance)
                        .map(f -> ((ServerFrame.StreamChunk) f).content()).filter(c -> c != null)
                        .collect(Collectors.joining());
                assertThat(text).isEqualTo("Hello from smallcoder:7b");
            }
        }
    }
}
