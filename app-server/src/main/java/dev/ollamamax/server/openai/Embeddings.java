package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.nodes.UpstreamStatusException;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/embeddings}: Ollama {@code /api/embed}. Vectors as float arrays, or with
 * {@code encoding_format: "base64"} (what the OpenAI Node SDK asks for by default) as base64 of
 * little-endian float32. Token-array input is passed through to the node as given.
 */
final class Embeddings {

    private static final KnownParameters KNOWN = new KnownParameters("/v1/embeddings",
            Set.of("model", "input", "encoding_format", "dimensions"));

    private final ObjectMapper json;
    private final Upstream upstream;
    private final ModelAliases aliases;

    Embeddings(ObjectMapper json, Upstream upstream, ModelAliases aliases) {
        this.json = json;
        this.upstream = upstream;
        this.aliases = aliases;
    }

    void handle(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        KNOWN.check(body);
        String model = OpenAiRequests.resolve(req, res, body, aliases);
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
        UpstreamCall call = open(req, model, ollama);
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

    /** A node that refuses the input (Ollama refuses token arrays) is the client's 400, naming {@code input}. */
    private UpstreamCall open(ServerRequest req, String model, ObjectNode ollama) throws Exception {
        try {
            return UsageTicket.open(req, upstream, model, "/api/embed", json.writeValueAsBytes(ollama), Optional.empty());
        } catch (UpstreamStatusException e) {
            if (e.status() == 400 && tokens(ollama.get("input"))) {
                throw GatewayException.badRequest("The node refused token-array input: " + e.getMessage()
                        + " (the gateway passes token arrays through; Ollama's /api/embed takes text)", "input");
            }
            throw e;
        }
    }

    private static boolean tokens(JsonNode input) {
        return input.size() > 0 && (input.get(0).isNumber() || input.get(0).isArray());
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

    /**
     * Always an array for the node: a string, an array of strings, a token array (one input) or an array
     * of token arrays, the tokens passed through as given.
     */
    private ArrayNode input(ObjectNode body) {
        JsonNode input = OpenAiRequests.present(body, "input").orElseThrow(() ->
                GatewayException.badRequest("The field 'input' is required", "input"));
        ArrayNode out = json.createArrayNode();
        if (input.isTextual()) {
            return out.add(input.asText());
        }
        String shape = "The field 'input' must be a string, an array of strings, an array of token ids"
                + " or an array of token-id arrays";
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.badRequest(shape + ", and not empty", "input");
        }
        JsonNode first = input.get(0);
        if (first.isIntegralNumber()) {
            requireTokens(input, shape);
            return out.add(input);
        }
        for (JsonNode item : input) {
            if (first.isArray() && item.isArray() && !item.isEmpty()) {
                requireTokens(item, shape);
            } else if (!first.isTextual() || !item.isTextual()) {
                throw GatewayException.badRequest(shape, "input");
            }
            out.add(item);
        }
        return out;
    }

    private static void requireTokens(JsonNode tokens, String shape) {
        for (JsonNode t : tokens) {
            if (!t.isIntegralNumber() || t.asLong() < 0) {
                throw GatewayException.badRequest(shape + " (token ids are non-negative integers)", "input");
            }
        }
    }

    private static String toBase64(JsonNode vector) {
        ByteBuffer buf = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode v : vector) {
            buf.putFloat(v.floatValue());
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
