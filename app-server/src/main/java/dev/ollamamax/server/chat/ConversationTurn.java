package dev.ollamamax.server.chat;

import dev.ollamamax.shared.protocol.Usage;
import java.util.List;
import java.util.Optional;

/**
 * One finished exchange of a chat: the user's message (with its base64 images) and the assistant's whole answer
 * (with the model's thinking, empty when there was none). {@code turn} is the position of the user's message
 * among the user messages of the conversation (0 = first); with {@code regenerate} the answer is another answer
 * to that existing turn, with {@code edit} the question is another version of that turn, starting a branch.
 */
public record ConversationTurn(String conversationId, Optional<String> user, String userMessage, List<String> userImages,
                               String assistantAnswer, String thinking, String model, String node, Usage usage, int turn,
                               boolean regenerate, boolean edit) {
}
