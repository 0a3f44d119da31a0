package dev.ollamamax.shared.stack;

/** A stack file that cannot be used; the message names the file, the line and the field. */
public final class StackException extends RuntimeException {

    private final int line;

    public StackException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }
}
