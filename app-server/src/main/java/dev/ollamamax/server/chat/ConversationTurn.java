package dev.ollamamax.server.chat;

import dev.ollamamax.shared.protocol.Usage;
import java.util.Optional;

/** One finished exchange of a chat: the user's message and the assistant's whole answer. */
public record ConversationTurn(String conversationId, Optional<String> user, String userMessage,
                               String assistantAnswer, String model, String node, Usage usage) {
}
