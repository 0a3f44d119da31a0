package dev.ollamamax.server.auth;

import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Who made a request: the user, and the API key when one was used, with what that key may do.
 * {@code expiresAt} is when the access token (or the key) expires; {@link Instant#MAX} when it does not.
 */
public record Principal(long userId, String username, String role, Optional<Long> apiKeyId, Instant expiresAt,
                        KeyPolicy policy) {

    /** A principal without key restrictions (an access token, the local account). */
    public Principal(long userId, String username, String role, Optional<Long> apiKeyId, Instant expiresAt) {
        this(userId, username, role, apiKeyId, expiresAt, KeyPolicy.UNRESTRICTED);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** The principal the auth filter registered on this request, if any. */
    public static Optional<Principal> of(ServerRequest request) {
        return request.context().get(Principal.class);
    }

    /** Why this principal may not use the model (its API key is limited to others), or empty when it may. */
    public Optional<String> modelRefusal(String model) {
        if (policy.allowsModel(model)) {
            return Optional.empty();
        }
        return Optional.of("this API key may not use the model '" + model + "'; it is limited to "
                + String.join(", ", policy.models()));
    }

    /** The user's rate-limit subject: one limit across all their keys and tokens. */
    String userSubject() {
        return "user:" + userId;
    }
}
