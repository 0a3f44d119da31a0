package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import java.util.Set;

/**
 * An OpenAI chat completion request as the body of an Ollama {@code /api/chat} request: messages
 * (text or content parts, data-URL images, tool calls and tool results), sampling options,
 * {@code response_format}, tools, reasoning effort (as {@code think}) and log probabilities. What Ollama
 * cannot do, and any parameter not listed in {@link #KNOWN}, is refused with a 400, never dropped.
 */
final class ChatTranslation {


    static final KnownParameters KNOWN = new KnownParameters("/v1/chat/completions", Set.of("model", "messages", "stream",
            "stream_options", "temperature", "top_p", "frequency_penalty", "presence_penalty", "seed", "stop", "max_tokens",
            "max_completion_tokens", "n", "response_format", "tools", "tool_choice", "logprobs", "top_logprobs",
            "reasoning_effort", "reasoning"));

    private final ObjectMapper json;

    ChatTranslation(ObjectMapper json) {
        this.json = json;
    }

    /** The Ollama body; {@code stream} as given. Validates everything it reads. */
    ObjectNode toOllama(ObjectNode body, String model, boolean stream) {
        KNOWN.check(body);
        OpenAiRequests.singleChoice(body);
        ObjectNode out = json.createObjectNode();
        out.put("model", model);
        out.set("messages", new ChatMessages(json).translate(body.get("messages")));
        out.put("stream", stream);
        ObjectNode options = OpenAiRequests.options(body, json.createObjectNode(), "max_completion_tokens", "max_tokens");
        if (!options.isEmpty()) {
            out.set("options", options);
        }
        OpenAiRequests.present(body, "response_format").ifPresent(f -> format(f, out));
        tools(body, out);
        Reasoning.think(body, out);
        Logprobs.chat(body, out);
        return out;
    }

    private static void format(JsonNode format, ObjectNode out) {
        if (!format.isObject() || !format.path("type").isTextual()) {
            throw GatewayException.badRequest("The field 'response_format' must be an object with a 'type'", "response_format");
        }
        switch (format.path("type").asText()) {
            case "text" -> {
            }
            case "json_object" -> out.put("format", "json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw GatewayException.badRequest("response_format json_schema needs 'json_schema.schema', a JSON schema object",
                            "response_format.json_schema.schema");
                }
                out.set("format", schema);
            }
            default -> throw GatewayException.badRequest("response_format type '" + format.path("type").asText()
                    + "' is not supported; use text, json_object or json_schema", "response_format.type");
        }
    }

    private static void tools(ObjectNode body, ObjectNode out) {
        JsonNode tools = OpenAiRequests.present(body, "tools").orElse(null);
        String choice = toolChoice(body);
        if (tools == null || "none".equals(choice)) {
            return;
        }
        if (!tools.isArray()) {
            throw GatewayException.badRequest("The field 'tools' must be an array of function tools", "tools");
        }
        ArrayNode copy = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !"function".equals(tool.path("type").asText())
                    || !tool.path("function").path("name").isTextual()) {
                throw GatewayException.badRequest("tools[" + i + "] must be {\"type\": \"function\", \"function\": {\"name\": …}}",
                        "tools[" + i + "]");
            }
            copy.add(tool);
        }
    }

    /** Ollama picks tools on its own: only {@code auto} and {@code none} can be honoured. */
    private static String toolChoice(ObjectNode body) {
        JsonNode choice = OpenAiRequests.present(body, "tool_choice").orElse(null);
        if (choice == null) {
            return "auto";
        }
        if (choice.isTextual() && Set.of("auto", "none").contains(choice.asText())) {
            return choice.asText();
        }
        throw GatewayException.badRequest("tool_choice " + choice + " is not supported: Ollama nodes choose tools themselves; use \"auto\" or \"none\"",
                "tool_choice");
    }
}
