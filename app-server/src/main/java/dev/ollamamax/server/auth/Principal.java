package dev.ollamamax.server.auth;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Who made a request: the user, and the API key when one was used. {@code expiresAt} is when the access
 * token expires; API keys do not expire ({@link Instant#MAX}) until revoked.
 */
public record Principal(long userId, String username, String role, Optional<Long> apiKeyId, Instant expiresAt) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** The principal the auth filter registered on this request, if any. */
    public static Optional<Principal> of(ServerRequest request) {
        return request.context().get(Principal.class);
    }

    /** The key rate limits and usage are counted under: the API key, else the user. */
    String rateSubject() {
        return apiKeyId.map(id -> "key:" + id).orElse("user:" + userId);
    }
}
