package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stateless OpenAI Responses request (the subset Ollama serves) as an Ollama {@code /api/chat} body:
 * {@code input} (a string, or message, {@code function_call}, {@code function_call_output} and
 * {@code reasoning} items), {@code instructions}, function {@code tools}, sampling, {@code max_output_tokens},
 * {@code reasoning.effort} and {@code text.format}. Stateful requests and anything else are refused with a
 * 400 naming the parameter.
 */
final class ResponsesTranslation {

    static final KnownParameters KNOWN = new KnownParameters("/v1/responses", Set.of("model", "input", "instructions",
            "tools", "tool_choice", "stream", "temperature", "top_p", "max_output_tokens", "reasoning", "text", "truncation"));

    private final ObjectMapper json;
    private final Map<String, String> toolNames = new HashMap<>();
    private String pendingThinking;

    ResponsesTranslation(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode toOllama(ObjectNode body, String model, boolean stream) {
        for (String stateful : new String[] {"previous_response_id", "conversation"}) {
            OpenAiRequests.present(body, stateful).ifPresent(v -> {
                throw GatewayException.badRequest("'" + stateful + "' is not supported: OllamaMax serves the stateless"
                        + " Responses API, as Ollama does; send the whole conversation as 'input'", stateful);
            });
        }
        KNOWN.check(body);
        OpenAiRequests.present(body, "truncation").filter(t -> !"disabled".equals(t.asText())).ifPresent(t -> {
            throw GatewayException.badRequest("Only truncation \"disabled\" is supported", "truncation");
        });
        ObjectNode out = json.createObjectNode();
        out.put("model", model);
        ArrayNode messages = out.putArray("messages");
        OpenAiRequests.present(body, "instructions").ifPresent(i -> {
            if (!i.isTextual()) {
                throw GatewayException.badRequest("The field 'instructions' must be a string", "instructions");
            }
            messages.addObject().put("role", "system").put("content", i.asText());
        });
        input(body.get("input"), messages);
        out.put("stream", stream);
        ObjectNode options = OpenAiRequests.options(body, json.createObjectNode(), "max_output_tokens");
        if (!options.isEmpty()) {
            out.set("options", options);
        }
        Reasoning.think(body, out);
        OpenAiRequests.present(body, "text").ifPresent(t -> format(t, out));
        ResponsesTools.translate(body, out);
        return out;
    }

    private void input(JsonNode input, ArrayNode messages) {
        if (input == null || input.isNull()) {
            throw GatewayException.badRequest("The field 'input' is required", "input");
        }
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
            return;
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.badRequest("The field 'input' must be a string or a non-empty array of input items", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]", messages);
        }
    }

    private void item(JsonNode item, String param, ArrayNode messages) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, param, messages);
            case "function_call" -> {
                String name = text(item, "name", param);
                JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
                ObjectNode m = last != null && last.has("tool_calls") ? (ObjectNode) last : assistant(messages);
                ObjectNode function = m.withArray("tool_calls").addObject().putObject("function");
                function.put("name", name);
                function.set("arguments", arguments(item.get("arguments"), param + ".arguments"));
                toolNames.put(item.path("call_id").asText(""), name);
            }
            case "function_call_output" -> {
                JsonNode output = item.get("output");
                ObjectNode m = messages.addObject().put("role", "tool");
                m.put("content", output != null && output.isTextual() ? output.asText() : String.valueOf(output));
                String name = toolNames.get(item.path("call_id").asText(""));
                if (name != null) {
                    m.put("tool_name", name);
                }
            }
            case "reasoning" -> {
                StringBuilder text = new StringBuilder();
                item.path("summary").forEach(s -> text.append(s.path("text").asText("")));
                pendingThinking = text.toString();
            }
            default -> throw GatewayException.badRequest(param + " has type '" + type + "'; supported: message, function_call,"
                    + " function_call_output, reasoning", param + ".type");
        }
    }

    private void message(JsonNode item, String param, ArrayNode messages) {
        String role = item.path("role").asText("");
        if (!Set.of("user", "system", "developer", "assistant").contains(role)) {
            throw GatewayException.badRequest(param + ".role must be user, system, developer or assistant", param + ".role");
        }
        ObjectNode m = role.equals("assistant") ? assistant(messages) : messages.addObject();
        m.put("role", role.equals("developer") ? "system" : role);
        JsonNode content = item.get("content");
        if (content != null && content.isTextual()) {
            m.put("content", content.asText());
            return;
        }
        if (content == null || !content.isArray()) {
            throw GatewayException.badRequest(param + ".content must be a string or an array of content parts", param + ".content");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String p = param + ".content[" + j + "]";
            switch (part.path("type").asText("")) {
                case "input_text", "output_text" -> text.append(text.isEmpty() ? "" : "\n").append(text(part, "text", p));
                case "input_image" -> m.withArray("images").add(image(part.path("image_url"), p + ".image_url"));
                default -> throw GatewayException.badRequest(p + " has type '" + part.path("type").asText()
                        + "'; supported: input_text, output_text, input_image", p + ".type");
            }
        }
        m.put("content", text.toString());
    }

    /** A new assistant message, carrying the reasoning item that came before it as {@code thinking}. */
    private ObjectNode assistant(ArrayNode messages) {
        ObjectNode m = messages.addObject().put("role", "assistant").put("content", "");
        if (pendingThinking != null) {
            m.put("thinking", pendingThinking);
            pendingThinking = null;
        }
        return m;
    }

    private static String text(JsonNode node, String field, String param) {
        if (!node.path(field).isTextual()) {
            throw GatewayException.badRequest(param + "." + field + " must be a string", param + "." + field);
        }
        return node.path(field).asText();
    }

    private static String image(JsonNode url, String param) {
        String u = url.asText("");
        int comma = u.indexOf(',');
        if (!u.startsWith("data:") || comma < 0 || !u.substring(0, comma).endsWith(";base64")) {
            throw GatewayException.badRequest("Only base64 data: URLs are supported for images; the nodes cannot fetch"
                    + " remote URLs", param);
        }
        return u.substring(comma + 1);
    }

    private JsonNode arguments(JsonNode arguments, String param) {
        try {
            JsonNode parsed = arguments == null ? json.createObjectNode()
                    : arguments.isTextual() ? json.readTree(arguments.asText()) : arguments;
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw GatewayException.badRequest(param + " must be a JSON object encoded as a string", param);
    }

    private static void format(JsonNode text, ObjectNode out) {
        JsonNode format = text.path("format");
        if (!text.isObject() || format.isMissingNode() || format.isNull()) {
            return;
        }
        switch (format.path("type").asText("")) {
            case "text" -> {
            }
            case "json_object" -> out.put("format", "json");
            case "json_schema" -> {
                if (!format.path("schema").isObject()) {
                    throw GatewayException.badRequest("text.format json_schema needs 'schema', a JSON schema object",
                            "text.format.schema");
                }
                out.set("format", format.path("schema"));
            }
            default -> throw GatewayException.badRequest("text.format type '" + format.path("type").asText()
                    + "' is not supported; use text, json_object or json_schema", "text.format.type");
        }
    }
}
