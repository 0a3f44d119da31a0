package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.NodeNeed;

/**
 * Log probabilities, passed through to and from the nodes: Ollama 0.12.11 added {@code logprobs} and
 * {@code top_logprobs} to {@code /api/chat} and {@code /api/generate}; an older node would ignore them, so
 * a request that asks for them goes only to nodes that run 0.12.11 or newer ({@link NodeNeed}).
 */
final class Logprobs {

    static final String MIN_VERSION = "0.12.11";

    private Logprobs() {
    }

    /** What the Ollama body needs of its node: 0.12.11 when it asks for log probabilities. */
    static NodeNeed need(ObjectNode ollama) {
        return ollama.path("logprobs").asBoolean(false) ? new NodeNeed("logprobs", MIN_VERSION) : NodeNeed.NONE;
    }

    /** Chat: {@code logprobs: true} and optional {@code top_logprobs} (0–20) onto the Ollama body. */
    static NodeNeed chat(ObjectNode body, ObjectNode out) {
        boolean wanted = OpenAiRequests.bool(body, "logprobs", false);
        var top = OpenAiRequests.integer(body, "top_logprobs");
        if (top.isPresent()) {
            if (top.get() < 0 || top.get() > 20) {
                throw GatewayException.badRequest("The field 'top_logprobs' must be between 0 and 20", "top_logprobs");
            }
            if (!wanted) {
                throw GatewayException.badRequest("'top_logprobs' needs 'logprobs': true", "top_logprobs");
            }
        }
        if (!wanted) {
            return NodeNeed.NONE;
        }
        out.put("logprobs", true);
        top.ifPresent(n -> out.put("top_logprobs", n));
        return new NodeNeed("logprobs", MIN_VERSION);
    }

    /** Legacy completions: {@code logprobs: n} (0–20) means the sampled token's and the n most likely. */
    static NodeNeed completion(ObjectNode body, ObjectNode out) {
        var n = OpenAiRequests.integer(body, "logprobs");
        if (n.isEmpty()) {
            return NodeNeed.NONE;
        }
        if (n.get() < 0 || n.get() > 20) {
            throw GatewayException.badRequest("The field 'logprobs' must be between 0 and 20", "logprobs");
        }
        out.put("logprobs", true);
        if (n.get() > 0) {
            out.put("top_logprobs", n.get());
        }
        return new NodeNeed("logprobs", MIN_VERSION);
    }

    /** A chat choice's {@code logprobs}: {@code {"content": [...], "refusal": null}}, or null without any. */
    static JsonNode chatChoice(ObjectMapper json, JsonNode line) {
        JsonNode entries = line.path("logprobs");
        if (!entries.isArray() || entries.isEmpty()) {
            return json.nullNode();
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode content = out.putArray("content");
        for (JsonNode e : entries) {
            ObjectNode c = token(json, e);
            ArrayNode top = c.putArray("top_logprobs");
            e.path("top_logprobs").forEach(t -> top.add(token(json, t)));
            content.add(c);
        }
        out.putNull("refusal");
        return out;
    }

    /** A legacy completion choice's {@code logprobs}: tokens, token_logprobs, top_logprobs, text_offset. */
    static JsonNode completionChoice(ObjectMapper json, JsonNode line, int textOffset) {
        JsonNode entries = line.path("logprobs");
        if (!entries.isArray() || entries.isEmpty()) {
            return json.nullNode();
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode tokens = out.putArray("tokens");
        ArrayNode values = out.putArray("token_logprobs");
        ArrayNode tops = out.putArray("top_logprobs");
        ArrayNode offsets = out.putArray("text_offset");
        int offset = textOffset;
        for (JsonNode e : entries) {
            tokens.add(e.path("token").asText(""));
            values.add(e.path("logprob").asDouble());
            ObjectNode top = tops.addObject();
            e.path("top_logprobs").forEach(t -> top.put(t.path("token").asText(""), t.path("logprob").asDouble()));
            offsets.add(offset);
            offset += e.path("token").asText("").length();
        }
        return out;
    }

    private static ObjectNode token(ObjectMapper json, JsonNode e) {
        ObjectNode c = json.createObjectNode();
        c.put("token", e.path("token").asText(""));
        c.put("logprob", e.path("logprob").asDouble());
        if (e.path("bytes").isArray()) {
            c.set("bytes", e.path("bytes"));
        } else {
            c.putNull("bytes");
        }
        return c;
    }
}
