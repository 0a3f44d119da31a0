package dev.ollamamax.server.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who a chat connection is authenticated as; {@code expiresAt} is empty for credentials that do not expire.
 * {@code mayUse} says whether the credential may run a model (an API key can be limited to some).
 * {@code userId} (0 when unknown, e.g. anonymous) and {@code apiKeyId} are what usage is counted under.
 */
public record ChatPrincipal(String user, String role, Optional<Instant> expiresAt, Predicate<String> mayUse,
                            List<String> models, long userId, Optional<Long> apiKeyId) {

    /** A principal that may use every model. */
    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt) {
        this(user, role, expiresAt, model -> true, List.of(), 0, Optional.empty());
    }

    /** A principal limited to some models, not tied to an account (tests). */
    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt, Predicate<String> mayUse,
                         List<String> models) {
        this(user, role, expiresAt, mayUse, models, 0, Optional.empty());
    }
}
