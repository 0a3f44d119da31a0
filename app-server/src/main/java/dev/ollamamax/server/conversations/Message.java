package dev.ollamamax.server.conversations;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored message; model, node and token counts are set on assistant answers. An answer's
 * {@code parentId} is the user message it answers; of several answers to one message, one is {@code chosen}.
 */
public record Message(long id, String role, String content, Optional<String> model, Optional<String> node,
                      Optional<Integer> promptTokens, Optional<Integer> completionTokens, Instant createdAt,
                      Optional<Long> parentId, boolean chosen) {
}
