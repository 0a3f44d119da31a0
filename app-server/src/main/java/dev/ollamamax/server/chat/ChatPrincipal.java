package dev.ollamamax.server.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Who a chat connection is authenticated as; {@code expiresAt} is empty for credentials that do not expire.
 * {@code mayUse} says whether the credential may run a model (an API key can be limited to some).
 * {@code userId} (0 when unknown, e.g. anonymous) and {@code apiKeyId} are what usage is counted under.
 * {@code acquire} counts one inference under the same rate limits as the credential's HTTP requests (per
 * user across all keys, and per key): empty when allowed, else how long to wait.
 */
public record ChatPrincipal(String user, String role, Optional<Instant> expiresAt, Predicate<String> mayUse,
                            List<String> models, long userId, Optional<Long> apiKeyId,
                            Supplier<Optional<Duration>> acquire) {

    /** A principal that may use every model, without a rate limit. */
    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt) {
        this(user, role, expiresAt, model -> true, List.of(), 0, Optional.empty(), Optional::empty);
    }

    /** A principal limited to some models, not tied to an account (tests). */
    public ChatPrincipal(String user, String role, Optional<Instant> expiresAt, Predicate<String> mayUse,
                         List<String> models) {
        this(user, role, expiresAt, mayUse, models, 0, Optional.empty(), Optional::empty);
    }
}
