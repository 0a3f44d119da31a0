package dev.ollamamax.server.conversations;

import java.util.List;
import java.util.Optional;

/**
 * A message to append: {@link #user} for the question (with its base64 images, if any), {@link #assistant} for
 * the answer with its usage and the model's thinking.
 */
public record NewMessage(String role, String content, Optional<String> model, Optional<String> node,
                         Optional<Integer> promptTokens, Optional<Integer> completionTokens, Optional<String> thinking,
                         List<String> images) {

    public NewMessage {
        images = images == null ? List.of() : List.copyOf(images);
    }

    public static NewMessage user(String content) {
        return user(content, List.of());
    }

    public static NewMessage user(String content, List<String> images) {
        return new NewMessage("user", content, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), images);
    }

    public static NewMessage system(String content) {
        return new NewMessage("system", content, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    public static NewMessage assistant(String content, String model, String node, int promptTokens, int completionTokens) {
        return assistant(content, model, node, promptTokens, completionTokens, null);
    }

    /** An answer; {@code thinking} is the reasoning model's thinking, null or empty when there was none. */
    public static NewMessage assistant(String content, String model, String node, int promptTokens, int completionTokens,
                                       String thinking) {
        return new NewMessage("assistant", content, Optional.ofNullable(model), Optional.ofNullable(node),
                Optional.of(promptTokens), Optional.of(completionTokens),
                Optional.ofNullable(thinking).filter(t -> !t.isEmpty()), List.of());
    }
}
