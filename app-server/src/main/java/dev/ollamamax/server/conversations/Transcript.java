package dev.ollamamax.server.conversations;

import java.util.List;

/** A conversation with its messages, oldest first. */
public record Transcript(Conversation conversation, List<Message> messages) {
}
