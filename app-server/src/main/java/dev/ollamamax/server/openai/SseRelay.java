package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Relays a node's NDJSON stream as OpenAI SSE chunks, one event per line as it arrives, ending with
 * {@code data: [DONE]}. A node that fails after the first chunk (error line, broken or idle
 * connection, a stream without its final line) gets an SSE error event and the stream ends; a client
 * that goes away closes the upstream call, which stops reading from the node.
 */
final class SseRelay {

    private SseRelay() {
    }

    static void relay(ObjectMapper json, Upstream upstream, UpstreamCall call, String model,
                      StreamTranslation translation, ServerResponse res) {
        try (call; SseWriter sse = SseWriter.open(json, res, call.node().id(), translation.namedEvents())) {
            send(sse, translation.opening());
            try {
                byte[] bytes;
                while ((bytes = call.nextLine()) != null) {
                    JsonNode line = parse(json, bytes);
                    if (line == null || line.hasNonNull("error")) {
                        call.failed();
                        fail(sse, translation, "Node " + call.node().id() + " failed mid-answer: "
                                + (line == null ? "it sent something that is not JSON" : line.path("error").asText()));
                        return;
                    }
                    if (line.path("done").asBoolean(false)) {
                        upstream.recordUsage(call, model, line);
                        send(sse, translation.end(line));
                        if (!translation.namedEvents()) {
                            sse.done();
                        }
                        return;
                    }
                    send(sse, translation.line(line));
                }
                call.failed();
                fail(sse, translation, "Node " + call.node().id() + " ended the stream before the answer was complete");
            } catch (IOException e) {
                call.failed();
                Thread.interrupted(); // a stopped read may leave the flag set; it would close the client's socket
                fail(sse, translation, "The answer was cut off: " + e.getMessage());
            }
        } catch (UncheckedIOException e) {
            // the client went away: closing the call (above) stops reading from the node
        }
    }

    private static void fail(SseWriter sse, StreamTranslation translation, String message) {
        ObjectNode event = translation.failure(message);
        if (event != null) {
            sse.event(event);
        } else {
            sse.error(message);
        }
    }

    private static void send(SseWriter sse, List<ObjectNode> chunks) {
        for (ObjectNode chunk : chunks) {
            sse.event(chunk);
        }
    }

    private static JsonNode parse(ObjectMapper json, byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
