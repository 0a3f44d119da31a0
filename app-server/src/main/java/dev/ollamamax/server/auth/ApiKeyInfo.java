package dev.ollamamax.server.auth;

import java.time.Instant;
import java.util.Optional;

/** An API key as listed: never the key itself, only its first characters, with what it may do. */
public record ApiKeyInfo(long id, long userId, String name, String prefix, Instant createdAt,
                         Optional<Instant> lastUsedAt, Optional<Instant> revokedAt, KeyPolicy policy) {
}
