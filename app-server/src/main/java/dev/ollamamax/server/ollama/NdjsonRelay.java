package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a node's NDJSON stream to the client line by line, each flushed as it arrives. A stream the
 * node breaks or ends without {@code done} gets a final {@code {"error": …}} line, as Ollama does.
 */
final class NdjsonRelay {

    private NdjsonRelay() {
    }

    static void relay(ObjectMapper json, Upstream upstream, UpstreamCall call, String model, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        res.header(HeaderNames.create("X-OllamaMax-Node"), call.node().id());
        try (call; OutputStream out = res.outputStream()) {
            boolean done = false;
            try {
                byte[] line;
                while ((line = call.nextLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    if (isFinal(json, line, call, upstream, model)) {
                        done = true;
                        break;
                    }
                }
                if (!done) {
                    call.failed();
                    writeError(json, out, "node " + call.node().id() + " ended the stream before the answer was complete");
                }
            } catch (IOException e) {
                call.failed();
                writeError(json, out, e.getMessage());
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away: closing the call stops reading from the node
        }
    }

    private static boolean isFinal(ObjectMapper json, byte[] line, UpstreamCall call, Upstream upstream, String model) {
        // cheap pre-check on the raw bytes: only lines that can end the stream are parsed
        if (!mayEnd(line)) {
            return false;
        }
        try {
            JsonNode node = json.readTree(line);
            if (node.hasNonNull("error")) {
                call.failed();
                return true;
            }
            if (node.path("done").asBoolean(false)) {
                upstream.recordUsage(call, model, node);
                return true;
            }
            return "success".equals(node.path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static final byte[][] FINAL_MARKS = {
        ascii("\"done\":true"), ascii("\"done\": true"), ascii("\"error\""), ascii("\"status\":\"success\"")};
    private static final int TAIL = 600;

    /** Whether the line's last {@value #TAIL} bytes hold a mark of a final line (done, error, success). */
    static boolean mayEnd(byte[] line) {
        int from = Math.max(0, line.length - TAIL);
        for (byte[] mark : FINAL_MARKS) {
            if (indexOf(line, from, mark) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, int from, byte[] needle) {
        byte first = needle[0];
        int last = hay.length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeError(ObjectMapper json, OutputStream out, String message) throws IOException {
        out.write(json.writeValueAsBytes(Map.of("error", message)));
        out.write('\n');
        out.flush();
    }
}
