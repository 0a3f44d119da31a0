package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.HostileNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that breaks a read limit is an {@code error} frame on {@code /chat}; the next generation goes to a good node. */
class ChatHostileNodeTest {

    @TempDir
    Path home;

    @Test
    void aNodeSendingAnEndlessLineEndsTheGenerationWithAnErrorFrame() {
        try (HostileNode bad = HostileNode.start();
             FakeOllama good = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("from", " good"));
             ChatGateway gw = ChatGateway.start(home, c -> c.set(Setting.OLLAMA_NODES, bad.url() + "," + good.url())
                     .set(Setting.NODE_MAX_LINE_BYTES, "65536").set(Setting.STREAM_IDLE_TIMEOUT_MS, "1000"));
             TestWs ws = gw.connect(Listener.PRIMARY)) {
            bad.behave(HostileNode.Behaviour.ENDLESS_LINE);
            ws.send(new ClientFrame.Inference("g1", "llama3.2", null, "hi", null, null, null));
            List<ServerFrame> first = ws.generation("g1");
            assertThat(first.getLast()).isInstanceOfSatisfying(ServerFrame.ErrorFrame.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                assertThat(e.message()).contains("NODE_MAX_LINE_BYTES").doesNotContain("xxxx");
            });
            ws.send(new ClientFrame.Inference("g2", "llama3.2", null, "hi", null, null, null));
            assertThat(ws.generation("g2")).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
            assertThat(bad.count("POST /api/chat")).isEqualTo(1);
        }
    }
}
