package dev.ollamamax.shared.yaml;

/** A YAML document that cannot be read, or a value of the wrong shape; the message names the file and the line. */
public final class YamlException extends RuntimeException {

    private final int line;

    public YamlException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line the problem is on, or 0 when unknown. */
    public int line() {
        return line;
    }
}
