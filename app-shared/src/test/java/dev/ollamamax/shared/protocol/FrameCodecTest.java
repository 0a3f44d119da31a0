package dev.ollamamax.shared.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    final FrameCodec codec = new FrameCodec();
    final ObjectMapper json = new ObjectMapper();

    JsonNode wire(ServerFrame f) throws Exception {
        return json.readTree(codec.write(f));
    }

    @Test
    void serverFramesCarryTheProtocolsTypeNamesAndFieldNames() throws Exception {
        assertThat(wire(new ServerFrame.Hello("ollamamax", "0.1.0", "primary", 13100, true)).toString())
                .isEqualTo("{\"type\":\"hello\",\"server\":\"ollamamax\",\"version\":\"0.1.0\",\"listener\":\"primary\",\"port\":13100,\"auth_required\":true}");
        assertThat(wire(new ServerFrame.AuthOk("ada", "admin", "2030-01-01T00:00:00Z")).toString())
                .isEqualTo("{\"type\":\"auth_ok\",\"user\":\"ada\",\"role\":\"admin\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
        assertThat(wire(new ServerFrame.Response("a", "m", "n1", "c1")).toString())
                .isEqualTo("{\"type\":\"response\",\"id\":\"a\",\"model\":\"m\",\"node\":\"n1\",\"conversation_id\":\"c1\"}");
        assertThat(wire(ServerFrame.StreamChunk.piece("a", "Hi")).toString())
                .isEqualTo("{\"type\":\"stream_chunk\",\"id\":\"a\",\"chunk\":\"Hi\",\"content\":\"Hi\",\"done\":false}");
        assertThat(wire(ServerFrame.StreamChunk.last("a", "stop", new Usage(3, 5), "n1")).toString())
                .isEqualTo("{\"type\":\"stream_chunk\",\"id\":\"a\",\"chunk\":\"\",\"content\":\"\",\"done\":true,\"done_reason\":\"stop\","
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5},\"node\":\"n1\"}");
        assertThat(wire(new ServerFrame.GenerationMetrics("a", "n1", 12, 340, 55.5)).toString())
                .isEqualTo("{\"type\":\"metrics\",\"id\":\"a\",\"node\":\"n1\",\"ttft_ms\":12,\"latency_ms\":340,\"tokens_per_second\":55.5}");
        assertThat(wire(new ServerFrame.ErrorFrame(null, ErrorCode.TOO_LARGE, "big")).toString())
                .isEqualTo("{\"type\":\"error\",\"code\":\"too_large\",\"message\":\"big\"}");
        assertThat(wire(new ServerFrame.ErrorFrame("a", ErrorCode.MODEL_NOT_FOUND, "no")).path("id").asText()).isEqualTo("a");
        assertThat(wire(new ServerFrame.Pong(7L)).toString()).isEqualTo("{\"type\":\"pong\",\"timestamp\":7}");
        NodeInfo node = new NodeInfo("h:1", "h", "http://h:1", "up", List.of("m"), 2, 4L);
        assertThat(wire(new ServerFrame.NodeList(List.of(node))).toString())
                .isEqualTo("{\"type\":\"nodes\",\"nodes\":[{\"id\":\"h:1\",\"name\":\"h\",\"url\":\"http://h:1\",\"status\":\"up\","
                        + "\"models\":[\"m\"],\"in_flight\":2,\"latency_ms\":4}]}");
        assertThat(wire(new ServerFrame.NodeAdded(node)).path("type").asText()).isEqualTo("node_added");
        assertThat(wire(new ServerFrame.NodeRemoved(node)).path("type").asText()).isEqualTo("node_removed");
        assertThat(wire(new ServerFrame.NodeUpdate(node)).path("type").asText()).isEqualTo("node_update");
        assertThat(wire(new ServerFrame.ServiceUpdate(new ServiceInfo("Redis", 6379, "up", null))).toString())
                .isEqualTo("{\"type\":\"service_update\",\"service\":{\"name\":\"Redis\",\"port\":6379,\"status\":\"up\",\"holder\":null}}");
        assertThat(wire(new ServerFrame.MetricsUpdate(1, Map.of("primary", 1L), 0, Map.of("done", 2L), 3, 4, 5, 6.5, 1, 2))
                .path("type").asText()).isEqualTo("metrics_update");
    }

    @Test
    void everyServerFrameReadsBackAsItWasWritten() throws Exception {
        List<ServerFrame> frames = List.of(new ServerFrame.Hello("s", "v", "fallback", 1, false),
                new ServerFrame.AuthOk("u", "r", null), new ServerFrame.Response("a", "m", "n", "c"),
                ServerFrame.StreamChunk.piece("a", "x"), ServerFrame.StreamChunk.last("a", "cancelled", new Usage(0, 1), "n"),
                new ServerFrame.GenerationMetrics("a", "n", 1, 2, 3.0), new ServerFrame.ErrorFrame("a", ErrorCode.UPSTREAM_ERROR, "m"),
                new ServerFrame.Pong(null), new ServerFrame.NodeList(List.of()),
                new ServerFrame.ServiceUpdate(new ServiceInfo("n", 1, "up", "h")),
                new ServerFrame.MetricsUpdate(1, Map.of("primary", 1L), 0, Map.of("done", 2L), 3, 4, 0, null, 1, 2));
        for (ServerFrame f : frames) {
            assertThat(codec.readServer(codec.write(f))).isEqualTo(f);
        }
        assertThat(codec.readServer("{\"type\":\"from_the_future\",\"x\":1}")).isInstanceOf(ServerFrame.Unknown.class);
    }

    @Test
    void clientFramesRoundTripThroughTheCheckingReader() throws Exception {
        List<ClientFrame> frames = List.of(new ClientFrame.Auth("t"), ClientFrame.Inference.of("i", "m", "hi"),
                new ClientFrame.Inference("i", "m", List.of(ChatMessage.system("s"), ChatMessage.user("u")), null, "c",
                        new GenerationSettings(false, 0.5, 10, "sys", 0.9, 7L), "n"),
                new ClientFrame.Cancel("i"), new ClientFrame.Ping(5L), new ClientFrame.Ping(null), new ClientFrame.GetNodes(),
                new ClientFrame.Subscribe(List.of(Topic.NODES, Topic.METRICS)));
        for (ClientFrame f : frames) {
            assertThat(codec.readClient(codec.write(f))).isEqualTo(f);
        }
        assertThat(codec.write(new ClientFrame.GetNodes())).isEqualTo("{\"type\":\"get_nodes\"}");
        assertThat(json.readTree(codec.write(new ClientFrame.Inference("i", "m", null, "hi", "c", new GenerationSettings(null, null, 9, null, 0.5, null), null))).toString())
                .isEqualTo("{\"type\":\"inference\",\"id\":\"i\",\"model\":\"m\",\"content\":\"hi\",\"conversation_id\":\"c\","
                        + "\"settings\":{\"maxTokens\":9,\"top_p\":0.5}}");
    }

    @Test
    void wrongClientFramesAreBadRequestsThatSayWhatIsWrong() {
        assertThatThrownBy(() -> codec.readClient("{\"type\":\"inference\",\"id\":\"i\",\"model\":\"m\",\"content\":\"a\",\"messages\":[]}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.id()).contains("i");
                    assertThat(e.getMessage()).contains("not both");
                });
        assertThatThrownBy(() -> codec.readClient("{\"type\":\"inference\",\"id\":\"i\",\"model\":\"m\",\"content\":\"a\",\"settings\":{\"maxTokens\":1.5}}"))
                .hasMessageContaining("settings.maxTokens must be a whole number");
        assertThatThrownBy(() -> codec.readClient("{\"type\":\"inference\",\"id\":\"" + "x".repeat(201) + "\",\"model\":\"m\",\"content\":\"a\"}"))
                .hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> codec.readClient("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.readClient("{\"type\":7}")).hasMessageContaining("must be a string");
    }
}
