package dev.ollamamax.server.auth;

import java.util.Optional;

/**
 * Tokens (prompt and completion) an API key used in the last minute, as usage accounting counts them: what a
 * key's {@code tokens_per_minute} limit is checked against. Plugged in by the gateway's wiring, so that auth
 * does not depend on the usage feature.
 */
@FunctionalInterface
public interface TokenMeter {

    /** Nothing counted: no key is ever over its token limit. */
    TokenMeter NONE = (userId, apiKeyId) -> 0;

    long tokensLastMinute(long userId, Optional<Long> apiKeyId);
}
