package dev.ollamamax.server.conversations;

import java.time.Instant;

/**
 * A conversation found by {@link ConversationStore#search}: its id and title, the best matching message
 * ({@code messageId}, 0 when only the title matched) and a snippet of it with the matched words between
 * {@code **}.
 */
public record SearchHit(String conversationId, String title, String snippet, long messageId, Instant updatedAt) {
}
