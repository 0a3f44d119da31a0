package dev.ollamamax.server.auth;

/** A refused account operation, with the HTTP status and a message for the client. */
public final class AuthException extends RuntimeException {

    private final int status;

    public AuthException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
