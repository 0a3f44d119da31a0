package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generation gives its slot back before its {@code done} frame is sent: a client that waits for
 * {@code done} before the next request is never refused, however slowly the finished turn is stored.
 * (Found by the streaming benchmark: with storing slower than the requests came, the 264th sequential
 * request on one connection was refused as the 33rd generation at once.)
 */
class ChatSlotReleaseTest {

    @TempDir
    Path home;

    @Test
    void sequentialGenerationsAreNeverRefusedWhileFinishedTurnsAreStillBeingStored() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        ConversationSink stuck = turn -> {
            try {
                storing.await(); // a database that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (FakeOllama node = FakeOllama.start().reply("llama3.2", List.of("a", "b"));
             ChatGateway gw = ChatGateway.withChat(home, ChatAuth.none(), stuck, node);
             TestWs ws = gw.connect(Listener.PRIMARY)) {
            for (int i = 0; i < ServerChatSession.MAX_GENERATIONS + 8; i++) {
                ws.send(ClientFrame.Inference.of("g" + i, "llama3.2", "hi"));
                List<ServerFrame> frames = ws.generation("g" + i);
                assertThat(frames).as("generation %d", i).noneMatch(f -> f instanceof ServerFrame.ErrorFrame);
            }
        } finally {
            storing.countDown();
        }
    }
}
