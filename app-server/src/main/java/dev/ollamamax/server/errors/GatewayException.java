package dev.ollamamax.server.errors;

import java.util.Optional;

/** A failure to report to the client in its protocol, with a message a person understands. */
public class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final String param;

    public GatewayException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public GatewayException(ErrorKind kind, String message, String param, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.param = param;
    }

    public static GatewayException badRequest(String message) {
        return new GatewayException(ErrorKind.BAD_REQUEST, message);
    }

    public static GatewayException badRequest(String message, String param) {
        return new GatewayException(ErrorKind.BAD_REQUEST, message, param, null);
    }

    public static GatewayException modelNotFound(String model) {
        return new GatewayException(ErrorKind.MODEL_NOT_FOUND,
                "The model '" + model + "' does not exist on any node", "model", null);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field at fault, when one is. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }
}
