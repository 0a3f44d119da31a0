package dev.ollamamax.server.conversations;

import java.time.Instant;
import java.util.Optional;

/** One stored message; model, node and token counts are set on assistant answers. */
public record Message(long id, String role, String content, Optional<String> model, Optional<String> node,
                      Optional<Integer> promptTokens, Optional<Integer> completionTokens, Instant createdAt) {
}
