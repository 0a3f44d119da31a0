package dev.ollamamax.server.conversations;

import java.util.List;
import java.util.Map;

/**
 * A conversation with the messages of its chosen path, oldest first: each question followed by its chosen
 * answer, down the chosen branch. {@code alternatives} holds, per parent message id ({@link #ROOT} for the first
 * questions), every message with that parent, oldest first: the regenerated answers of a question, the edited
 * versions of a question.
 */
public record Transcript(Conversation conversation, List<Message> messages, Map<Long, List<Message>> alternatives) {

    /** The key of {@link #alternatives} for messages without a parent. */
    public static final long ROOT = 0;

    /** The messages sharing this one's parent, itself included (just itself when it has no alternatives). */
    public List<Message> alternativesOf(Message message) {
        List<Message> siblings = alternatives.get(message.parentId().orElse(ROOT));
        return siblings == null || !siblings.contains(message) ? List.of(message) : siblings;
    }
}
