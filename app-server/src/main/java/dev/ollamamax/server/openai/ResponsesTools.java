package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;

/**
 * Responses API function tools ({@code {type, name, description, parameters}}) as Ollama's
 * ({@code {type, function: {name, description, parameters}}}); hosted tools (web search, file search…)
 * and a forced {@code tool_choice} are refused, Ollama nodes choose among functions themselves.
 */
final class ResponsesTools {

    private ResponsesTools() {
    }

    static void translate(ObjectNode body, ObjectNode out) {
        JsonNode choice = OpenAiRequests.present(body, "tool_choice").orElse(null);
        if (choice != null && !(choice.isTextual() && (choice.asText().equals("auto") || choice.asText().equals("none")))) {
            throw GatewayException.badRequest("tool_choice " + choice + " is not supported: Ollama nodes choose tools"
                    + " themselves; use \"auto\" or \"none\"", "tool_choice");
        }
        JsonNode tools = OpenAiRequests.present(body, "tools").orElse(null);
        if (tools == null || choice != null && choice.asText().equals("none")) {
            return;
        }
        if (!tools.isArray()) {
            throw GatewayException.badRequest("The field 'tools' must be an array of function tools", "tools");
        }
        ArrayNode copy = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!"function".equals(tool.path("type").asText()) || !tool.path("name").isTextual()) {
                throw GatewayException.badRequest("tools[" + i + "] must be {\"type\": \"function\", \"name\": …}; hosted tools"
                        + " are not supported", "tools[" + i + "]");
            }
            ObjectNode function = copy.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asText());
            if (tool.path("description").isTextual()) {
                function.put("description", tool.path("description").asText());
            }
            if (tool.path("parameters").isObject()) {
                function.set("parameters", tool.path("parameters"));
            }
        }
    }
}
