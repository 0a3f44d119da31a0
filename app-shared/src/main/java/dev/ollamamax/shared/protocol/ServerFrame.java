package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A frame the server sends on {@code /chat}. Read with {@link FrameCodec#readServer(String)}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerFrame.Hello.class),
        @JsonSubTypes.Type(ServerFrame.AuthOk.class),
        @JsonSubTypes.Type(ServerFrame.Response.class),
        @JsonSubTypes.Type(ServerFrame.StreamChunk.class),
        @JsonSubTypes.Type(ServerFrame.GenerationMetrics.class),
        @JsonSubTypes.Type(ServerFrame.ErrorFrame.class),
        @JsonSubTypes.Type(ServerFrame.Pong.class),
        @JsonSubTypes.Type(ServerFrame.NodeList.class),
        @JsonSubTypes.Type(ServerFrame.NodeAdded.class),
        @JsonSubTypes.Type(ServerFrame.NodeRemoved.class),
        @JsonSubTypes.Type(ServerFrame.NodeUpdate.class),
        @JsonSubTypes.Type(ServerFrame.ServiceUpdate.class),
        @JsonSubTypes.Type(ServerFrame.MetricsUpdate.class)
})
public sealed interface ServerFrame {

    /** The generation this frame belongs to, for frames that belong to one. */
    @JsonIgnore
    default Optional<String> generationId() {
        return Optional.empty();
    }

    /** Sent on connect: which listener ({@code primary}, {@code websocket}, {@code fallback}) was reached. */
    @JsonTypeName("hello")
    record Hello(String server, String version, String listener, int port,
                 @JsonProperty("auth_required") boolean authRequired) implements ServerFrame {
    }

    /** Authentication accepted; {@code expiresAt} (ISO-8601) is null for credentials that do not expire. */
    @JsonTypeName("auth_ok")
    record AuthOk(String user, String role, @JsonProperty("expires_at") String expiresAt) implements ServerFrame {
    }

    /** The inference {@code id} was accepted and routed to {@code node}. */
    @JsonTypeName("response")
    record Response(String id, String model, String node,
                    @JsonProperty("conversation_id") String conversationId) implements ServerFrame {
        @Override
        public Optional<String> generationId() {
            return Optional.of(id);
        }
    }

    /**
     * A piece of the answer ({@code chunk}, repeated as {@code content} for older clients), or a piece of a
     * reasoning model's thinking ({@code thinking}, with {@code chunk} and {@code content} empty), or with
     * {@code done} the last frame of the generation, with {@code doneReason}, {@code usage} and {@code node}.
     */
    @JsonTypeName("stream_chunk")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StreamChunk(String id, String chunk, String content, String thinking, boolean done,
                       @JsonProperty("done_reason") String doneReason, Usage usage, String node) implements ServerFrame {

        public static StreamChunk piece(String id, String text) {
            return new StreamChunk(id, text, text, null, false, null, null, null);
        }

        /** A piece of the model's thinking, sent apart from the answer. */
        public static StreamChunk thought(String id, String thinking) {
            return new StreamChunk(id, "", "", thinking, false, null, null, null);
        }

        public static StreamChunk last(String id, String doneReason, Usage usage, String node) {
            return new StreamChunk(id, "", "", null, true, doneReason, usage, node);
        }

        /** Whether this piece is thinking rather than answer. */
        @JsonIgnore
        public boolean isThinking() {
            return thinking != null && !thinking.isEmpty();
        }

        @Override
        public Optional<String> generationId() {
            return Optional.of(id);
        }
    }

    /** Timing of a finished generation, measured by the gateway. */
    @JsonTypeName("metrics")
    record GenerationMetrics(String id, String node, @JsonProperty("ttft_ms") long ttftMs,
                             @JsonProperty("latency_ms") long latencyMs,
                             @JsonProperty("tokens_per_second") double tokensPerSecond) implements ServerFrame {
        @Override
        public Optional<String> generationId() {
            return Optional.of(id);
        }
    }

    /** A failure; {@code id} is set when it ends that generation (then no {@code done} follows). */
    @JsonTypeName("error")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorFrame(String id, ErrorCode code, String message) implements ServerFrame {
        @Override
        public Optional<String> generationId() {
            return Optional.ofNullable(id);
        }
    }

    /** Heartbeat answer with the timestamp of the {@code ping} (null when it had none). */
    @JsonTypeName("pong")
    record Pong(Long timestamp) implements ServerFrame {
    }

    /** The node list, answer to {@code get_nodes}. */
    @JsonTypeName("nodes")
    record NodeList(List<NodeInfo> nodes) implements ServerFrame {
    }

    @JsonTypeName("node_added")
    record NodeAdded(NodeInfo node) implements ServerFrame {
    }

    @JsonTypeName("node_removed")
    record NodeRemoved(NodeInfo node) implements ServerFrame {
    }

    /** A node's health, load or models changed. */
    @JsonTypeName("node_update")
    record NodeUpdate(NodeInfo node) implements ServerFrame {
    }

    /** A service of the port plan changed state. */
    @JsonTypeName("service_update")
    record ServiceUpdate(ServiceInfo service) implements ServerFrame {
    }

    /**
     * A periodic summary for {@code metrics} subscribers, read from the gateway's meter registry:
     * open connections per listener, streams in flight, generations by outcome, token totals, the mean
     * time to first token (null before the first generation) and node health.
     */
    @JsonTypeName("metrics_update")
    record MetricsUpdate(long timestamp,
                         @JsonProperty("ws_connections") Map<String, Long> wsConnections,
                         @JsonProperty("streams_in_flight") long streamsInFlight,
                         Map<String, Long> generations,
                         @JsonProperty("tokens_prompt") long tokensPrompt,
                         @JsonProperty("tokens_generated") long tokensGenerated,
                         @JsonProperty("ttft_count") long ttftCount,
                         @JsonProperty("ttft_ms_mean") Double ttftMsMean,
                         @JsonProperty("nodes_up") int nodesUp,
                         @JsonProperty("nodes_total") int nodesTotal) implements ServerFrame {
    }

    /** A frame of a type this client does not know (a newer server); kept whole. */
    record Unknown(String type, JsonNode raw) implements ServerFrame {
    }
}
