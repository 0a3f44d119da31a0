package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.auth.ModelAccess;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /v1/embeddings}: Ollama {@code /api/embed}. Vectors as float arrays, or with
 * {@code encoding_format: "base64"} (what the OpenAI Node SDK asks for by default) as base64 of
 * little-endian float32.
 */
final class Embeddings {

    private final ObjectMapper json;
    private final Upstream upstream;

    Embeddings(ObjectMapper json, Upstream upstream) {
        this.json = json;
        this.upstream = upstream;
    }

    void handle(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = OpenAiRequests.model(body);
        ModelAccess.require(req, model);
        boolean base64 = base64(body);
        ObjectNode ollama = json.createObjectNode();
        ollama.put("model", model);
        ollama.set("input", input(body));
        OpenAiRequests.integer(body, "dimensions").ifPresent(d -> {
            if (d < 1) {
                throw GatewayException.badRequest("The field 'dimensions' must be at least 1", "dimensions");
            }
            ollama.put("dimensions", d);
        });
        UpstreamCall call = UsageTicket.open(req, upstream, model, "/api/embed", json.writeValueAsBytes(ollama), Optional.empty());
        JsonNode answer;
        try (call) {
            answer = json.readTree(call.nextLine());
        }
        upstream.recordUsage(call, model, answer);
        JsonNode vectors = answer.path("embeddings");
        if (!vectors.isArray() || vectors.size() != ollama.get("input").size()) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Node " + call.node().id()
                    + " answered /api/embed without one embedding per input");
        }
        ObjectNode out = json.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", toBase64(vectors.get(i)));
            } else {
                item.set("embedding", vectors.get(i));
            }
        }
        out.put("model", model);
        long prompt = answer.path("prompt_eval_count").asLong(0);
        out.putObject("usage").put("prompt_tokens", prompt).put("total_tokens", prompt);
        res.header(HeaderNames.create("X-OllamaMax-Node"), call.node().id());
        JsonBodies.send(json, res, 200, out);
    }

    private static boolean base64(ObjectNode body) {
        JsonNode format = OpenAiRequests.present(body, "encoding_format").orElse(null);
        if (format == null || (format.isTextual() && format.asText().equals("float"))) {
            return false;
        }
        if (format.isTextual() && format.asText().equals("base64")) {
            return true;
        }
        throw GatewayException.badRequest("The field 'encoding_format' must be \"float\" or \"base64\"", "encoding_format");
    }

    /** A string or a non-empty array of strings, always sent to the node as an array. */
    private ArrayNode input(ObjectNode body) {
        JsonNode input = OpenAiRequests.present(body, "input").orElseThrow(() ->
                GatewayException.badRequest("The field 'input' is required", "input"));
        ArrayNode out = json.createArrayNode();
        if (input.isTextual()) {
            return out.add(input.asText());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.badRequest("The field 'input' must be a string or a non-empty array of strings", "input");
        }
        for (JsonNode item : input) {
            if (item.isNumber() || item.isArray()) {
                throw GatewayException.badRequest("Token arrays are not supported as 'input'; send the text as strings", "input");
            }
            if (!item.isTextual()) {
                throw GatewayException.badRequest("The field 'input' must be a string or an array of strings", "input");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String toBase64(JsonNode vector) {
        ByteBuffer buf = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode v : vector) {
            buf.putFloat(v.floatValue());
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
