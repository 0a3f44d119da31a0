package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.UUID;

/**
 * The identity of one Responses API answer and the objects built for it: the {@code response} object
 * (request settings echoed, as Ollama and OpenAI do), output items from a node's message, usage and
 * status from its final line.
 */
final class ResponseObject {

    private final ObjectMapper json;
    private final Clock clock;
    private final ObjectNode request;
    private final String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
    private final long createdAt;
    private final String model;

    ResponseObject(ObjectMapper json, Clock clock, ObjectNode request, String model) {
        this.json = json;
        this.clock = clock;
        this.request = request;
        this.model = model;
        this.createdAt = clock.instant().getEpochSecond();
    }

    ObjectMapper json() {
        return json;
    }

    static String itemId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** The response object with this status and output; {@code finalLine} (null while in progress) gives usage. */
    ObjectNode response(String status, ArrayNode output, JsonNode finalLine) {
        ObjectNode r = json.createObjectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        if (finalLine != null) {
            r.put("completed_at", clock.instant().getEpochSecond());
        } else {
            r.putNull("completed_at");
        }
        if ("incomplete".equals(status)) {
            r.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        r.putNull("error");
        r.put("model", model);
        r.putNull("previous_response_id");
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : json.nullNode());
        r.set("output", output);
        r.put("parallel_tool_calls", true);
        r.put("tool_choice", request.path("tool_choice").asText("auto"));
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : json.createArrayNode());
        r.set("temperature", request.path("temperature").isNumber() ? request.get("temperature") : json.getNodeFactory().numberNode(1.0));
        r.set("top_p", request.path("top_p").isNumber() ? request.get("top_p") : json.getNodeFactory().numberNode(1.0));
        r.set("max_output_tokens", request.path("max_output_tokens").isNumber() ? request.get("max_output_tokens") : json.nullNode());
        r.set("reasoning", request.path("reasoning").isObject() ? request.get("reasoning") : json.nullNode());
        ObjectNode text = r.putObject("text");
        text.set("format", request.path("text").path("format").isObject() ? request.path("text").path("format")
                : json.createObjectNode().put("type", "text"));
        r.put("truncation", "disabled");
        r.put("store", false);
        r.put("service_tier", "default");
        r.putObject("metadata");
        if (finalLine != null) {
            r.set("usage", usage(finalLine));
        } else {
            r.putNull("usage");
        }
        return r;
    }

    /** {@code completed}, or {@code incomplete} when the node stopped at {@code max_output_tokens}. */
    static String status(JsonNode finalLine) {
        return "length".equals(finalLine.path("done_reason").asText()) ? "incomplete" : "completed";
    }

    ObjectNode usage(JsonNode finalLine) {
        long input = finalLine.path("prompt_eval_count").asLong(0);
        long output = finalLine.path("eval_count").asLong(0);
        ObjectNode u = json.createObjectNode();
        u.put("input_tokens", input);
        u.putObject("input_tokens_details").put("cached_tokens", 0);
        u.put("output_tokens", output);
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", input + output);
        return u;
    }

    ObjectNode reasoningItem(String itemId, String thinking) {
        ObjectNode item = json.createObjectNode().put("id", itemId).put("type", "reasoning");
        item.putArray("summary").addObject().put("type", "summary_text").put("text", thinking);
        return item;
    }

    ObjectNode messageItem(String itemId, String status, String text) {
        ObjectNode item = json.createObjectNode().put("id", itemId).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(textPart(text));
        }
        return item;
    }

    ObjectNode textPart(String text) {
        ObjectNode part = json.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A node tool call as a {@code function_call} item (arguments as a JSON string). */
    ObjectNode functionCallItem(JsonNode call, String status) {
        JsonNode args = call.path("function").path("arguments");
        return json.createObjectNode().put("id", itemId("fc_")).put("type", "function_call").put("status", status)
                .put("call_id", call.path("id").isTextual() ? call.path("id").asText() : itemId("call_"))
                .put("name", call.path("function").path("name").asText())
                .put("arguments", args.isTextual() ? args.asText() : args.isMissingNode() ? "{}" : args.toString());
    }

    /** The output items of a whole (non-streamed) answer: reasoning, function calls, then the message. */
    ArrayNode output(JsonNode answer) {
        JsonNode message = answer.path("message");
        ArrayNode output = json.createArrayNode();
        String thinking = message.path("thinking").asText("");
        if (!thinking.isEmpty()) {
            output.add(reasoningItem(itemId("rs_"), thinking));
        }
        message.path("tool_calls").forEach(call -> output.add(functionCallItem(call, "completed")));
        String content = message.path("content").asText("");
        if (!content.isEmpty() || output.isEmpty()) {
            output.add(messageItem(itemId("msg_"), "completed", content));
        }
        return output;
    }
}
