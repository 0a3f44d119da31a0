package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/** How each {@link Failure} shows on the wire, and the token pause that a stop interrupts. */
final class FailureResponses {

    static final String RUNNER_DIED = "llama runner process has terminated: exit status 2";
    static final String BUSY = "server busy, please try again.  maximum pending requests exceeded";
    static final String MID_STREAM = "an error was encountered while running the model: unexpected EOF";

    private FailureResponses() {
    }

    /** A failure before any token: a status with {@code {"error"}}, or a connection closed without a response. */
    static void beforeFirstToken(Exchange exchange, Failure failure, ObjectMapper json) throws IOException {
        switch (failure) {
            case STATUS_500_BEFORE_FIRST_TOKEN -> exchange.json(500, Bodies.error(json, RUNNER_DIED));
            case STATUS_503_BUSY -> exchange.json(503, Bodies.error(json, BUSY));
            case CUT_BEFORE_FIRST_TOKEN -> exchange.cut();
            default -> throw new IllegalArgumentException(failure + " happens after the first token");
        }
    }

    /** A failure after the first token line of a stream that has started. */
    static void afterFirstLine(Exchange exchange, Failure failure, ObjectMapper json) throws IOException {
        switch (failure) {
            case ERROR_LINE_AFTER_FIRST_TOKEN -> {
                exchange.line(Bodies.error(json, MID_STREAM));
                exchange.endStream();
            }
            case CUT_AFTER_FIRST_TOKEN -> exchange.cut();
            case HANG_AFTER_FIRST_TOKEN -> exchange.hang();
            default -> throw new IllegalArgumentException(failure + " happens before the first token");
        }
    }

    /** A failure after the first token of an answer sent whole: a 500, a cut, or nothing at all. */
    static void afterFirstTokenUnstreamed(Exchange exchange, Failure failure, ObjectMapper json)
            throws IOException {
        switch (failure) {
            case ERROR_LINE_AFTER_FIRST_TOKEN -> exchange.json(500, Bodies.error(json, MID_STREAM));
            case CUT_AFTER_FIRST_TOKEN -> exchange.cut();
            case HANG_AFTER_FIRST_TOKEN -> exchange.hang();
            default -> throw new IllegalArgumentException(failure + " happens before the first token");
        }
    }

    /** Sleeps for one token; a stop of the fake interrupts it and ends the exchange. */
    static void pause(Duration delay) throws IOException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the fake was stopped");
        }
    }
}
