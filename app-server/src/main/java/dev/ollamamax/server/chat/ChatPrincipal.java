package dev.ollamamax.server.chat;

import java.time.Instant;
import java.util.Optional;

/** Who a chat connection is authenticated as; {@code expiresAt} is empty for credentials that do not expire. */
public record ChatPrincipal(String user, String role, Optional<Instant> expiresAt) {
}
