package dev.ollamamax.server.conversations;

import java.time.Instant;

/** A conversation as listed. */
public record Conversation(String id, long userId, String title, Instant createdAt, Instant updatedAt, int messageCount) {
}
