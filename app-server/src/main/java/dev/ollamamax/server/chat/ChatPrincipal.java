package dev.ollamamax.server.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a chat connection is authenticated as; {@code expiresAt} is empty for credentials that do not expire.
 * {@code subject} is what rate limits count under, the same as on HTTP ({@code key:<id>} or {@code user:<id>}).
 */
public record ChatPrincipal(String user, String role, Optional<Instant> expiresAt, String subject) {

    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt) {
        this(user, role, expiresAt, "user:" + user);
    }
}
