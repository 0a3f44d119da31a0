package dev.ollamamax.server.conversations;

import java.util.List;
import java.util.Map;

/**
 * A conversation with its messages, oldest first: each user message followed by its chosen answer. Every
 * answer of a user turn, chosen or not, oldest first, is in {@code alternatives} under the user message's id.
 */
public record Transcript(Conversation conversation, List<Message> messages, Map<Long, List<Message>> alternatives) {

    /** The answers of the turn this answer belongs to (just itself when it has no alternatives). */
    public List<Message> alternativesOf(Message answer) {
        return answer.parentId().map(alternatives::get).filter(l -> !l.isEmpty()).orElse(List.of(answer));
    }
}
