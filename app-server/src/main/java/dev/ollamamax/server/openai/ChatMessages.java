package dev.ollamamax.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** OpenAI chat messages as Ollama chat messages, each checked with a 400 that names the message at fault. */
final class ChatMessages {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final ObjectMapper json;
    /** Tool call ids of earlier assistant messages, to name the function a tool result answers. */
    private final Map<String, String> toolNames = new HashMap<>();

    ChatMessages(ObjectMapper json) {
        this.json = json;
    }

    ArrayNode translate(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw GatewayException.badRequest("The field 'messages' is required", "messages");
        }
        if (!messages.isArray()) {
            throw GatewayException.badRequest("The field 'messages' must be an array of messages", "messages");
        }
        if (messages.isEmpty()) {
            throw GatewayException.badRequest("The field 'messages' must contain at least one message", "messages");
        }
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private ObjectNode message(JsonNode m, String param) {
        if (!m.isObject()) {
            throw GatewayException.badRequest(param + " must be an object with 'role' and 'content'", param);
        }
        JsonNode roleNode = m.get("role");
        if (roleNode == null || !roleNode.isTextual() || !ROLES.contains(roleNode.asText())) {
            throw GatewayException.badRequest(param + ".role must be one of system, user, assistant, tool (or developer); got "
                    + (roleNode == null ? "nothing" : roleNode.toString()), param + ".role");
        }
        String role = roleNode.asText().equals("developer") ? "system" : roleNode.asText();
        ObjectNode out = json.createObjectNode();
        out.put("role", role);
        boolean hasToolCalls = m.path("tool_calls").isArray() && !m.path("tool_calls").isEmpty();
        content(m.get("content"), out, param, role.equals("assistant") && hasToolCalls);
        if (role.equals("assistant") && hasToolCalls) {
            out.set("tool_calls", toolCalls(m.get("tool_calls"), param + ".tool_calls"));
        }
        if (role.equals("tool")) {
            String name = toolNames.get(m.path("tool_call_id").asText(""));
            if (name != null) {
                out.put("tool_name", name);
            }
        }
        return out;
    }

    private void content(JsonNode content, ObjectNode out, String param, boolean mayBeEmpty) {
        if (content == null || content.isNull()) {
            if (!mayBeEmpty) {
                throw GatewayException.badRequest(param + ".content is required", param + ".content");
            }
            out.put("content", "");
            return;
        }
        if (content.isTextual()) {
            out.put("content", content.asText());
            return;
        }
        if (!content.isArray()) {
            throw GatewayException.badRequest(param + ".content must be a string or an array of content parts", param + ".content");
        }
        StringBuilder text = new StringBuilder();
        ArrayNode images = json.createArrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partParam = param + ".content[" + j + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> {
                    if (!part.path("text").isTextual()) {
                        throw GatewayException.badRequest(partParam + ".text must be a string", partParam + ".text");
                    }
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(part.path("text").asText());
                }
                case "image_url" -> images.add(image(part.get("image_url"), partParam + ".image_url"));
                default -> throw GatewayException.badRequest(partParam + " has type '" + type
                        + "'; only 'text' and 'image_url' parts are supported", partParam + ".type");
            }
        }
        out.put("content", text.toString());
        if (!images.isEmpty()) {
            out.set("images", images);
        }
    }

    /** The base64 data of a {@code data:image/…;base64,…} URL; Ollama nodes cannot fetch remote images. */
    private static String image(JsonNode imageUrl, String param) {
        JsonNode url = imageUrl != null && imageUrl.isObject() ? imageUrl.get("url") : imageUrl;
        if (url == null || !url.isTextual()) {
            throw GatewayException.badRequest(param + ".url must be a data: URL string", param + ".url");
        }
        String u = url.asText();
        int comma = u.indexOf(',');
        if (!u.startsWith("data:") || comma < 0 || !u.substring(0, comma).endsWith(";base64")) {
            throw GatewayException.badRequest("Only base64 data: URLs are supported for images (data:image/png;base64,…); "
                    + "the nodes cannot fetch remote URLs", param + ".url");
        }
        return u.substring(comma + 1);
    }

    private ArrayNode toolCalls(JsonNode calls, String param) {
        ArrayNode out = json.createArrayNode();
        for (int k = 0; k < calls.size(); k++) {
            JsonNode call = calls.get(k);
            JsonNode function = call.path("function");
            String p = param + "[" + k + "].function";
            if (!function.path("name").isTextual()) {
                throw GatewayException.badRequest(p + ".name must be a string", p + ".name");
            }
            ObjectNode f = json.createObjectNode();
            f.put("name", function.path("name").asText());
            f.set("arguments", arguments(function.get("arguments"), p + ".arguments"));
            ObjectNode c = json.createObjectNode();
            c.set("function", f);
            out.add(c);
            if (call.path("id").isTextual()) {
                toolNames.put(call.path("id").asText(), function.path("name").asText());
            }
        }
        return out;
    }

    /** OpenAI sends arguments as a JSON string; Ollama wants the object. */
    private JsonNode arguments(JsonNode arguments, String param) {
        if (arguments == null || arguments.isNull()) {
            return json.createObjectNode();
        }
        if (arguments.isObject()) {
            return arguments;
        }
        try {
            JsonNode parsed = arguments.isTextual() ? json.readTree(arguments.asText()) : null;
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw GatewayException.badRequest(param + " must be a JSON object encoded as a string", param);
    }
}
