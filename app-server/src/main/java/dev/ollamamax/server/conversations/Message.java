package dev.ollamamax.server.conversations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One stored message; model, node and token counts are set on assistant answers, {@code thinking} on answers of
 * a reasoning model, {@code images} (base64) on questions that carried pictures. Messages form a tree: the
 * {@code parentId} of an answer is the question it answers, that of a question the answer it follows (empty
 * for a first question). Of several messages with the same parent (regenerated answers, edited questions)
 * one is {@code chosen}: the one on the path the transcript shows.
 */
public record Message(long id, String role, String content, Optional<String> model, Optional<String> node,
                      Optional<Integer> promptTokens, Optional<Integer> completionTokens, Instant createdAt,
                      Optional<Long> parentId, boolean chosen, Optional<String> thinking, List<String> images) {

    public Message {
        images = List.copyOf(images);
    }

    Message withImages(List<String> pictures) {
        return new Message(id, role, content, model, node, promptTokens, completionTokens, createdAt, parentId, chosen,
                thinking, pictures);
    }
}
