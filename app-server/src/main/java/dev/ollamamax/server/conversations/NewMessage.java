package dev.ollamamax.server.conversations;

import java.util.Optional;

/** A message to append: {@link #user} for the question, {@link #assistant} for the answer with its usage. */
public record NewMessage(String role, String content, Optional<String> model, Optional<String> node,
                         Optional<Integer> promptTokens, Optional<Integer> completionTokens) {

    public static NewMessage user(String content) {
        return new NewMessage("user", content, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static NewMessage system(String content) {
        return new NewMessage("system", content, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static NewMessage assistant(String content, String model, String node, int promptTokens, int completionTokens) {
        return new NewMessage("assistant", content, Optional.ofNullable(model), Optional.ofNullable(node),
                Optional.of(promptTokens), Optional.of(completionTokens));
    }
}
