package dev.ollamamax.server.auth;

import java.util.Optional;

/** The outcome of checking a credential: a principal, or the error and a message that says what was wrong. */
public record AuthResult(Optional<Principal> principal, Optional<AuthError> error, String message) {

    static AuthResult accepted(Principal principal) {
        return new AuthResult(Optional.of(principal), Optional.empty(), "");
    }

    static AuthResult refused(AuthError error, String message) {
        return new AuthResult(Optional.empty(), Optional.of(error), message);
    }

    public boolean ok() {
        return principal.isPresent();
    }
}
