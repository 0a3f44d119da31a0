package dev.ollamamax.server.testing;

/**
 * How a generation request ({@code /api/chat}, {@code /api/generate}, {@code /api/embed},
 * {@code /api/embeddings}) fails when {@link FakeOllama#failNext} or {@link FakeOllama#failAlways} asks.
 * The "after first token" kinds describe a streamed answer; a non-streamed request (and an embedding)
 * cannot show half an answer, so there they turn into a 500 {@code {"error"}} ({@link #ERROR_LINE_AFTER_FIRST_TOKEN}),
 * a cut connection without a response ({@link #CUT_AFTER_FIRST_TOKEN}) or no response at all
 * ({@link #HANG_AFTER_FIRST_TOKEN}).
 */
public enum Failure {
    /** HTTP 500 {@code {"error":"llama runner process has terminated: exit status 2"}} before any body. */
    STATUS_500_BEFORE_FIRST_TOKEN,
    /** HTTP 503 {@code {"error":"server busy, please try again.  maximum pending requests exceeded"}}. */
    STATUS_503_BUSY,
    /** The socket is closed before any byte of a response: the client sees an I/O error. */
    CUT_BEFORE_FIRST_TOKEN,
    /** Status 200, one token line, then {@code {"error":"..."}} and a clean end: Ollama's mid-stream failure. */
    ERROR_LINE_AFTER_FIRST_TOKEN,
    /** Status 200, one token line, then the socket is closed without the terminating chunk. */
    CUT_AFTER_FIRST_TOKEN,
    /** Status 200, one token line, then not another byte until the fake is stopped or the client hangs up. */
    HANG_AFTER_FIRST_TOKEN;

    boolean beforeFirstToken() {
        return this == STATUS_500_BEFORE_FIRST_TOKEN || this == STATUS_503_BUSY || this == CUT_BEFORE_FIRST_TOKEN;
    }
}
