package dev.ollamamax.server.conversations;

/** A refused conversation operation (bad id, someone else's conversation), with its HTTP status. */
public final class ConversationException extends RuntimeException {

    private final int status;

    public ConversationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
