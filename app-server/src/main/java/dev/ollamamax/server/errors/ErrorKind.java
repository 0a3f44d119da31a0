package dev.ollamamax.server.errors;

/**
 * What went wrong, with its HTTP status, the chat protocol's error code and OpenAI's error type.
 */
public enum ErrorKind {
    BAD_REQUEST(400, "bad_request", "invalid_request_error"),
    UNAUTHORIZED(401, "unauthorized", "invalid_request_error"),
    FORBIDDEN(403, "forbidden", "invalid_request_error"),
    MODEL_NOT_FOUND(404, "model_not_found", "invalid_request_error"),
    NOT_FOUND(404, "not_found", "invalid_request_error"),
    TOO_LARGE(413, "too_large", "invalid_request_error"),
    RATE_LIMITED(429, "rate_limited", "rate_limit_error"),
    UPSTREAM_ERROR(502, "upstream_error", "api_error"),
    NO_HEALTHY_NODE(503, "no_healthy_node", "api_error"),
    UNAVAILABLE(503, "unavailable", "api_error"),
    INTERNAL(500, "internal", "api_error");

    private final int status;
    private final String code;
    private final String openAiType;

    ErrorKind(int status, String code, String openAiType) {
        this.status = status;
        this.code = code;
        this.openAiType = openAiType;
    }

    public int status() {
        return status;
    }

    /** The chat protocol's {@code error.code}. */
    public String code() {
        return code;
    }

    public String openAiType() {
        return openAiType;
    }
}
