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

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final OutputStream out;
    private final boolean named;

    private SseWriter(ObjectMapper json, OutputStream out, boolean named) {
        this.json = json;
        this.out = out;
        this.named = named;
    }

    /** Sends the SSE headers (status 200) and opens the body. */
    static SseWriter open(ObjectMapper json, ServerResponse res, String nodeId) {
        return open(json, res, nodeId, false);
    }

    /** With {@code named}, each event is preceded by {@code event: <its "type">} (the Responses API). */
    static SseWriter open(ObjectMapper json, ServerResponse res, String nodeId, boolean named) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        res.header(HeaderNames.create("X-OllamaMax-Node"), nodeId);
        return new SseWriter(json, res.outputStream(), named);
    }

    void event(ObjectNode data) {
        try {
            if (named && data.path("type").isTextual()) {
                out.write(EVENT);
                out.write(data.path("type").asText().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
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
