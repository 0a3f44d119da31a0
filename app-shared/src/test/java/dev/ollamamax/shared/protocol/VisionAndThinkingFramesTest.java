package dev.ollamamax.shared.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images on messages, think / num_ctx / stop settings and thinking chunks: on the wire, read back, and checked. */
class VisionAndThinkingFramesTest {

    final FrameCodec codec = new FrameCodec();
    final ObjectMapper json = new ObjectMapper();
    static final String PNG = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

    static String inference(String messages, String settings) {
        return "{\"type\":\"inference\",\"id\":\"i\",\"model\":\"m\",\"messages\":" + messages
                + (settings == null ? "" : ",\"settings\":" + settings) + "}";
    }

    @Test
    void imagesAndTheNewSettingsRoundTripAndStayOffTheWireWhenUnused() throws Exception {
        GenerationSettings settings = new GenerationSettings(null, null, null, null, 0.8, 3L, true, 8192, List.of("</s>", "User:"));
        ClientFrame.Inference frame = new ClientFrame.Inference("i", "llava", List.of(ChatMessage.user("What is this?", List.of(PNG))),
                null, "c", settings, null);
        String wire = codec.write(frame);
        assertThat(json.readTree(wire).path("messages").get(0).path("images").get(0).asText()).isEqualTo(PNG);
        assertThat(json.readTree(wire).path("settings").toString())
                .isEqualTo("{\"top_p\":0.8,\"seed\":3,\"think\":true,\"num_ctx\":8192,\"stop\":[\"</s>\",\"User:\"]}");
        assertThat(codec.readClient(wire)).isEqualTo(frame);
        // an older client's frame: no images, no new settings, and the same JSON as before
        assertThat(codec.write(ClientFrame.Inference.of("i", "m", List.of(ChatMessage.user("hi")))))
                .isEqualTo("{\"type\":\"inference\",\"id\":\"i\",\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        ClientFrame.Inference old = (ClientFrame.Inference) codec.readClient(inference("[{\"role\":\"user\",\"content\":\"hi\"}]", "{\"top_p\":0.5}"));
        assertThat(old.conversation().getFirst().images()).isEmpty();
        assertThat(old.settings().think()).isNull();
        assertThat(old.settings().stop()).isNull();
    }

    @Test
    void thinkingChunksCarryTheThoughtApartFromTheAnswer() throws Exception {
        ServerFrame.StreamChunk thought = ServerFrame.StreamChunk.thought("a", "Let me see");
        assertThat(codec.write(thought))
                .isEqualTo("{\"type\":\"stream_chunk\",\"id\":\"a\",\"chunk\":\"\",\"content\":\"\",\"thinking\":\"Let me see\",\"done\":false}");
        assertThat(codec.readServer(codec.write(thought))).isEqualTo(thought);
        assertThat(thought.isThinking()).isTrue();
        assertThat(ServerFrame.StreamChunk.piece("a", "x").isThinking()).isFalse();
        assertThat(codec.write(ServerFrame.StreamChunk.piece("a", "x"))).doesNotContain("thinking");
    }

    @Test
    void badImagesAreBadRequestsNamingTheField() {
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\",\"images\":[\"" + PNG + "\",\"not base64!\"]}]", null)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.id()).contains("i");
                    assertThat(e.getMessage()).startsWith("messages[0].images[1] is not valid base64");
                });
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\",\"images\":\"" + PNG + "\"}]", null)))
                .hasMessageContaining("messages[0].images must be an array");
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\",\"images\":[\"data:image/png;base64," + PNG + "\"]}]", null)))
                .hasMessageContaining("messages[0].images[0] is a data: URL");
        String nine = "[" + String.join(",", java.util.Collections.nCopies(9, "\"" + PNG + "\"")) + "]";
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\",\"images\":" + nine + "}]", null)))
                .hasMessageContaining("messages[0].images has 9 images; a message takes at most 8");
        String eight = "[" + String.join(",", java.util.Collections.nCopies(8, "\"" + PNG + "\"")) + "]";
        String five = String.join(",", java.util.Collections.nCopies(5, "{\"role\":\"user\",\"content\":\"x\",\"images\":" + eight + "}"));
        assertThatThrownBy(() -> codec.readClient(inference("[" + five + "]", null)))
                .hasMessageContaining("messages[4].images: the messages carry more than 32 images in all");
        String big = Base64.getEncoder().encodeToString(new byte[ImageReader.MAX_IMAGE_BYTES + 1]);
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\",\"images\":[\"" + big + "\"]}]", null)))
                .hasMessageContaining("messages[0].images[0] is larger than 10 MiB");
    }

    @Test
    void anEditIsFlaggedOnTheWireAndCannotAlsoBeARegenerate() throws Exception {
        ClientFrame.Inference edit = new ClientFrame.Inference("i", "m", List.of(ChatMessage.user("better question")), null, "c",
                null, null, null, Boolean.TRUE);
        assertThat(json.readTree(codec.write(edit)).path("edit").asBoolean()).isTrue();
        assertThat(((ClientFrame.Inference) codec.readClient(codec.write(edit))).editing()).isTrue();
        assertThat(codec.write(ClientFrame.Inference.of("i", "m", "x"))).doesNotContain("edit");
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\"}],\"edit\":true,\"regenerate\":true", null)))
                .hasMessageContaining("either a \"regenerate\" or an \"edit\"");
        assertThatThrownBy(() -> codec.readClient(inference("[{\"role\":\"user\",\"content\":\"x\"}],\"edit\":1", null)))
                .hasMessageContaining("\"edit\" must be true or false");
    }

    @Test
    void badThinkNumCtxAndStopAreBadRequestsNamingTheField() {
        String one = "[{\"role\":\"user\",\"content\":\"x\"}]";
        assertThatThrownBy(() -> codec.readClient(inference(one, "{\"think\":\"yes\"}"))).hasMessageContaining("settings.think must be true or false");
        assertThatThrownBy(() -> codec.readClient(inference(one, "{\"num_ctx\":0}"))).hasMessageContaining("settings.num_ctx must be a number from 1");
        assertThatThrownBy(() -> codec.readClient(inference(one, "{\"num_ctx\":4096.5}"))).hasMessageContaining("settings.num_ctx must be a whole number");
        assertThatThrownBy(() -> codec.readClient(inference(one, "{\"stop\":\"\\n\"}"))).hasMessageContaining("settings.stop must be an array");
        assertThatThrownBy(() -> codec.readClient(inference(one, "{\"stop\":[\"a\",\"\"]}"))).hasMessageContaining("settings.stop[1] must be a non-empty string");
    }
}
