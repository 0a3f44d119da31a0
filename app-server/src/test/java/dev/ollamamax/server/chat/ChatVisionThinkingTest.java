package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.protocol.ChatMessage;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.GenerationSettings;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServerFrame.StreamChunk;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images, think, num_ctx and stop over a real WebSocket to the gateway, and the node's thinking streamed apart. */
class ChatVisionThinkingTest {

    static final String IMAGE = Base64.getEncoder().encodeToString("a tiny picture".getBytes());

    @TempDir
    Path home;
    FakeOllama node;
    ChatGateway gw;

    @BeforeEach
    void start() {
        node = FakeOllama.start().reply("qwen3-vl", List.of("A", " cat", ".")).thinking("qwen3-vl", List.of("Fur", ",", " whiskers"))
                .reply("llama3.2", List.of("Hi")).loaded("qwen3-vl", "llama3.2");
        gw = ChatGateway.start(home, c -> c, node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    @Test
    void imagesThinkAndOptionsReachTheNodeAndThinkingStreamsApartFromTheAnswer() {
        GenerationSettings settings = new GenerationSettings(null, null, null, null, 0.9, 7L, true, 8192, List.of("\n\n", "User:"));
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Inference("v1", "qwen3-vl", List.of(ChatMessage.user("What is in the picture?", List.of(IMAGE))),
                    null, null, settings, null));
            List<ServerFrame> frames = ws.generation("v1");
            List<StreamChunk> pieces = frames.stream().filter(f -> f instanceof StreamChunk c && !c.done()).map(f -> (StreamChunk) f).toList();
            assertThat(pieces).extracting(StreamChunk::thinking).containsExactly("Fur", ",", " whiskers", null, null, null);
            assertThat(pieces).extracting(StreamChunk::chunk).containsExactly("", "", "", "A", " cat", ".");
            StreamChunk done = (StreamChunk) frames.get(frames.size() - 2);
            assertThat(done.done()).isTrue();
            assertThat(done.usage().completionTokens()).isEqualTo(6);
        }
        JsonNode sent = node.chats().getLast();
        assertThat(sent.path("messages").get(0).path("images").get(0).asText()).isEqualTo(IMAGE);
        assertThat(sent.path("think").asBoolean()).isTrue();
        assertThat(sent.path("options").path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(sent.path("options").path("stop").toString()).isEqualTo("[\"\\n\\n\",\"User:\"]");
        assertThat(sent.path("options").path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("options").path("seed").asLong()).isEqualTo(7);
    }

    @Test
    void thinkToAModelThatCannotThinkEndsInOneErrorSayingSo() {
        try (TestWs ws = gw.connect(Listener.PRIMARY)) {
            ws.send(new ClientFrame.Inference("t1", "llama3.2", List.of(ChatMessage.user("hi")), null, null,
                    new GenerationSettings(null, null, null, null, null, null, true, null, null), null));
            List<ServerFrame> frames = ws.generation("t1");
            ServerFrame.ErrorFrame error = (ServerFrame.ErrorFrame) frames.getLast();
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message()).contains("does not support thinking");
        }
    }

    @Test
    void anOlderClientsInferenceSendsNoneOfTheNewFieldsToTheNode() {
        try (TestWs ws = gw.connect(Listener.FALLBACK)) {
            ws.sendText("{\"type\":\"inference\",\"id\":\"o1\",\"model\":\"llama3.2\",\"content\":\"hi\",\"settings\":{\"top_p\":0.5}}");
            assertThat(ws.generation("o1").getLast()).isInstanceOf(ServerFrame.GenerationMetrics.class);
        }
        JsonNode sent = node.chats().getLast();
        assertThat(sent.has("think")).isFalse();
        assertThat(sent.path("messages").get(0).has("images")).isFalse();
        assertThat(sent.path("options").toString()).isEqualTo("{\"top_p\":0.5}");
    }

    @Test
    void badImagesAreRefusedAsBadRequestNamingTheFieldAndTheConnectionStaysUsable() {
        try (TestWs ws = gw.connect(Listener.WEBSOCKET)) {
            ws.sendText("{\"type\":\"inference\",\"id\":\"b1\",\"model\":\"qwen3-vl\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"images\":[\""
                    + IMAGE + "\",\"**not base64**\"]}]}");
            ServerFrame.ErrorFrame error = ws.next(ServerFrame.ErrorFrame.class);
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.id()).isEqualTo("b1");
            assertThat(error.message()).startsWith("messages[0].images[1] is not valid base64");
            String nine = String.join(",", java.util.Collections.nCopies(9, "\"" + IMAGE + "\""));
            ws.sendText("{\"type\":\"inference\",\"id\":\"b2\",\"model\":\"qwen3-vl\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"images\":["
                    + nine + "]}]}");
            assertThat(ws.next(ServerFrame.ErrorFrame.class).message()).contains("messages[0].images has 9 images");
            ws.send(ClientFrame.Inference.of("ok", "llama3.2", "hi"));
            assertThat(ws.generation("ok").getLast()).isInstanceOf(ServerFrame.GenerationMetrics.class);
        }
        assertThat(node.chats()).hasSize(1);
    }
}
