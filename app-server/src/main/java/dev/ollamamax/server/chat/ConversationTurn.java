package dev.ollamamax.server.chat;

import dev.ollamamax.shared.protocol.Usage;
import java.util.Optional;

/**
 * One finished exchange of a chat: the user's message and the assistant's whole answer. {@code turn} is the
 * position of the user's message among the user messages of the conversation (0 = first); with
 * {@code regenerate} the answer is another answer to that existing turn, not a new exchange.
 */
public record ConversationTurn(String conversationId, Optional<String> user, String userMessage,
                               String assistantAnswer, String model, String node, Usage usage, int turn,
                               boolean regenerate) {
}
