package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One message of a conversation: {@code role} is {@code system}, {@code user}, {@code assistant} or {@code tool};
 * {@code images} are base64-encoded pictures (as Ollama's {@code /api/chat} takes them), empty when there are
 * none and then absent on the wire.
 */
public record ChatMessage(String role, String content, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> images) {

    public ChatMessage {
        images = images == null ? List.of() : List.copyOf(images);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of());
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    /** A user message with base64-encoded images for a vision model. */
    public static ChatMessage user(String content, List<String> images) {
        return new ChatMessage("user", content, images);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }
}
