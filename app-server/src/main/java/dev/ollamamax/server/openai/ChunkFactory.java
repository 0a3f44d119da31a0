package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.UUID;

/**
 * The identity of one answer (id, created, model) and the OpenAI objects built for it: the envelope
 * of a completion or chunk, usage and {@code finish_reason} from the node's final line.
 */
final class ChunkFactory {

    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;
    private final boolean usageField;

    private ChunkFactory(ObjectMapper json, String idPrefix, Clock clock, String model, boolean usageField) {
        this.json = json;
        this.id = idPrefix + UUID.randomUUID().toString().replace("-", "");
        this.created = clock.instant().getEpochSecond();
        this.model = model;
        this.usageField = usageField;
    }

    /** For chat: ids {@code chatcmpl-…}; with {@code includeUsage} every chunk carries {@code "usage": null}. */
    static ChunkFactory chat(ObjectMapper json, Clock clock, String model, boolean includeUsage) {
        return new ChunkFactory(json, "chatcmpl-", clock, model, includeUsage);
    }

    /** For legacy completions: ids {@code cmpl-…}. */
    static ChunkFactory text(ObjectMapper json, Clock clock, String model, boolean includeUsage) {
        return new ChunkFactory(json, "cmpl-", clock, model, includeUsage);
    }

    ObjectMapper json() {
        return json;
    }

    /** {@code {id, object, created, model, system_fingerprint}}. */
    ObjectNode envelope(String object) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model);
        o.putNull("system_fingerprint");
        return o;
    }

    /** A stream chunk with one choice (index 0) and a {@code null} finish reason; the caller fills the choice. */
    ObjectNode chunk(String object, ObjectNode choice) {
        ObjectNode c = envelope(object);
        c.putArray("choices").addObject().put("index", 0).setAll(choice);
        if (usageField) {
            c.putNull("usage");
        }
        return c;
    }

    /** The last chunk of a stream that asked for usage: no choices, the counts. */
    ObjectNode usageChunk(String object, JsonNode finalLine) {
        ObjectNode c = envelope(object);
        c.putArray("choices");
        c.set("usage", usage(finalLine));
        return c;
    }

    ObjectNode usage(JsonNode finalLine) {
        long prompt = finalLine.path("prompt_eval_count").asLong(0);
        long completion = finalLine.path("eval_count").asLong(0);
        ObjectNode u = json.createObjectNode();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }

    /** {@code length} when the node stopped at {@code num_predict}, {@code tool_calls} after tool calls, else {@code stop}. */
    static String finishReason(JsonNode finalLine, boolean toolCalls) {
        if ("length".equals(finalLine.path("done_reason").asText())) {
            return "length";
        }
        return toolCalls ? "tool_calls" : "stop";
    }

    /** Ollama tool calls (arguments as an object) as OpenAI's (arguments as a JSON string, with ids). */
    ArrayNode toolCalls(JsonNode ollamaCalls, int firstIndex, boolean withIndex) {
        ArrayNode out = json.createArrayNode();
        int index = firstIndex;
        for (JsonNode call : ollamaCalls) {
            ObjectNode c = json.createObjectNode();
            if (withIndex) {
                c.put("index", index);
            }
            c.put("id", call.path("id").isTextual() ? call.path("id").asText()
                    : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
            c.put("type", "function");
            ObjectNode f = c.putObject("function");
            f.put("name", call.path("function").path("name").asText());
            JsonNode args = call.path("function").path("arguments");
            f.put("arguments", args.isTextual() ? args.asText() : args.isMissingNode() ? "{}" : args.toString());
            out.add(c);
            index++;
        }
        return out;
    }
}
