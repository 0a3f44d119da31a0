package dev.ollamamax.server.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a chat connection is authenticated as; {@code expiresAt} is empty for credentials that do not expire.
 * {@code userId} (0 when unknown, e.g. anonymous) and {@code apiKeyId} are what usage is counted under.
 */
public record ChatPrincipal(String user, String role, Optional<Instant> expiresAt, long userId, Optional<Long> apiKeyId) {

    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt) {
        this(user, role, expiresAt, 0, Optional.empty());
    }
}
