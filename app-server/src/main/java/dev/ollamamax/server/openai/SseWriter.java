package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a response: each {@code data:} event written and flushed at once. A write
 * that fails (the client went away) throws {@link UncheckedIOException}.
 */
final class SseWriter implements AutoCloseable {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final OutputStream out;

    private SseWriter(ObjectMapper json, OutputStream out) {
        this.json = json;
        this.out = out;
    }

    /** Sends the SSE headers (status 200) and opens the body. */
    static SseWriter open(ObjectMapper json, ServerResponse res, String nodeId) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        res.header(HeaderNames.create("X-OllamaMax-Node"), nodeId);
        return new SseWriter(json, res.outputStream());
    }

    void event(ObjectNode data) {
        try {
            out.write(DATA);
            out.write(json.writeValueAsBytes(data));
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAI end-of-stream marker. */
    void done() {
        write(DONE);
    }

    /**
     * An error after the stream began, in the shape the OpenAI SDKs raise as an {@code APIError}:
     * {@code data: {"error": {message, type, param, code}}}.
     */
    void error(String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", "api_error");
        error.putNull("param");
        error.put("code", "upstream_error");
        event(body);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | UncheckedIOException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
