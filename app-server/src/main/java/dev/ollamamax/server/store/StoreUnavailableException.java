package dev.ollamamax.server.store;

/**
 * The database cannot be used right now (starting, down, unreachable). Routes answer it with 503 and its
 * message, which says which and, where known, why.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
