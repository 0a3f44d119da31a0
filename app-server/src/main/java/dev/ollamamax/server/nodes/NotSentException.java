package dev.ollamamax.server.nodes;

import java.io.IOException;

/**
 * A request failed before any byte of it reached the node (refused, unreachable, address not allowed, a
 * stale pooled connection noticed before writing): the node cannot have processed it, so it may be sent
 * elsewhere. Every other failure after a request was written may have been processed and is not retried.
 */
final class NotSentException extends IOException {

    NotSentException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** The original failure (for {@link NodeProber#describe}). */
    IOException failure() {
        return (IOException) getCause();
    }
}
