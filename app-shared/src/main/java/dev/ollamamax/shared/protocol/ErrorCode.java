package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode {
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    BAD_REQUEST("bad_request"),
    TOO_LARGE("too_large"),
    MODEL_NOT_FOUND("model_not_found"),
    NO_HEALTHY_NODE("no_healthy_node"),
    UPSTREAM_ERROR("upstream_error"),
    RATE_LIMITED("rate_limited"),
    TOO_MANY_GENERATIONS("too_many_generations"),
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The code with this wire name, if the protocol has one. */
    public static Optional<ErrorCode> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static ErrorCode parse(String name) {
        return fromWire(name).orElse(INTERNAL);
    }
}
