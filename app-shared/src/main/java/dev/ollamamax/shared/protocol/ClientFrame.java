package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** A frame a client sends to {@code /chat}. Write with {@link FrameCodec#write(ClientFrame)}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ClientFrame.Auth.class),
        @JsonSubTypes.Type(ClientFrame.Inference.class),
        @JsonSubTypes.Type(ClientFrame.Cancel.class),
        @JsonSubTypes.Type(ClientFrame.Ping.class),
        @JsonSubTypes.Type(ClientFrame.GetNodes.class),
        @JsonSubTypes.Type(ClientFrame.Subscribe.class)
})
public sealed interface ClientFrame {

    /** Authenticates the connection with a JWT access token or an API key. */
    @JsonTypeName("auth")
    record Auth(String token) implements ClientFrame {
    }

    /**
     * Starts a generation. Exactly one of {@code messages} (the whole conversation) and {@code content}
     * (one user message) is set; {@code conversationId}, {@code settings} and {@code node} may be null.
     * {@code regenerate} true: the last user message is a turn already stored, and this is another answer to it.
     * {@code edit} true: the last user message is an edited version of a stored turn, and this starts a branch.
     */
    @JsonTypeName("inference")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Inference(String id, String model, List<ChatMessage> messages, String content,
                     @JsonProperty("conversation_id") String conversationId, GenerationSettings settings,
                     String node, Boolean regenerate, Boolean edit) implements ClientFrame {

        public Inference(String id, String model, List<ChatMessage> messages, String content, String conversationId,
                         GenerationSettings settings, String node) {
            this(id, model, messages, content, conversationId, settings, node, null, null);
        }

        public Inference(String id, String model, List<ChatMessage> messages, String content, String conversationId,
                         GenerationSettings settings, String node, Boolean regenerate) {
            this(id, model, messages, content, conversationId, settings, node, regenerate, null);
        }

        /** Whether this asks for another answer to a stored turn. */
        public boolean regenerating() {
            return Boolean.TRUE.equals(regenerate);
        }

        /** Whether the last user message edits a stored turn, starting a branch there. */
        public boolean editing() {
            return Boolean.TRUE.equals(edit);
        }

        /** One user message, default settings, any node. */
        public static Inference of(String id, String model, String content) {
            return new Inference(id, model, null, content, null, null, null);
        }

        /** A whole conversation, default settings, any node. */
        public static Inference of(String id, String model, List<ChatMessage> messages) {
            return new Inference(id, model, List.copyOf(messages), null, null, null, null);
        }

        /** The conversation as sent to the node: {@code messages}, or {@code content} as one user message. */
        public List<ChatMessage> conversation() {
            return messages != null ? messages : List.of(ChatMessage.user(content));
        }
    }

    /** Stops the generation {@code id}; the server stops reading from the node. */
    @JsonTypeName("cancel")
    record Cancel(String id) implements ClientFrame {
    }

    /** Heartbeat; answered by {@code pong} with the same timestamp (may be null). */
    @JsonTypeName("ping")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ping(Long timestamp) implements ClientFrame {
    }

    /** Asks for the node list. */
    @JsonTypeName("get_nodes")
    record GetNodes() implements ClientFrame {
    }

    /** Asks for pushed updates on the given topics (added to any earlier subscription). */
    @JsonTypeName("subscribe")
    record Subscribe(List<Topic> topics) implements ClientFrame {
    }
}
