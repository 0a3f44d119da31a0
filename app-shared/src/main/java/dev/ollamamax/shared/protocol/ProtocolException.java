package dev.ollamamax.shared.protocol;

import java.util.Optional;

/** A frame that breaks the protocol, with the error code and a message a person understands. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;
    private final String id;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ProtocolException(ErrorCode code, String message, String id) {
        super(message);
        this.code = code;
        this.id = id;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the frame at fault, when it had a usable one. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }
}
