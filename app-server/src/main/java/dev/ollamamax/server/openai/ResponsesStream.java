package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's {@code /api/chat} stream as Responses API events, in OpenAI's order: {@code response.created},
 * {@code response.in_progress}; a reasoning item while the model thinks; {@code function_call} items for
 * tool calls; a message item with {@code output_text} deltas as tokens arrive; then the closing
 * {@code .done} events and {@code response.completed} (or {@code response.incomplete}) with usage. Every
 * event carries {@code type} (also the SSE event name) and a {@code sequence_number}.
 */
final class ResponsesStream implements StreamTranslation {

    private final ResponseObject response;
    private final ArrayNode done;
    private int sequence;
    private String reasoningId;
    private final StringBuilder thinking = new StringBuilder();
    private String messageId;
    private final StringBuilder text = new StringBuilder();

    ResponsesStream(ResponseObject response) {
        this.response = response;
        this.done = response.json().createArrayNode();
    }

    @Override
    public boolean namedEvents() {
        return true;
    }

    @Override
    public List<ObjectNode> opening() {
        return List.of(withResponse("response.created", response.response("in_progress", response.json().createArrayNode(), null)),
                withResponse("response.in_progress", response.response("in_progress", response.json().createArrayNode(), null)));
    }

    @Override
    public List<ObjectNode> line(JsonNode line) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode message = line.path("message");
        String t = message.path("thinking").asText("");
        if (!t.isEmpty()) {
            if (reasoningId == null) {
                reasoningId = ResponseObject.itemId("rs_");
                ObjectNode item = response.json().createObjectNode().put("id", reasoningId).put("type", "reasoning");
                item.putArray("summary");
                out.add(itemEvent("response.output_item.added", item));
            }
            thinking.append(t);
            out.add(event("response.reasoning_summary_text.delta").put("item_id", reasoningId).put("output_index", done.size())
                    .put("summary_index", 0).put("delta", t));
        }
        JsonNode calls = message.path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            finishReasoning(out);
            for (JsonNode call : calls) {
                ObjectNode item = response.functionCallItem(call, "completed");
                ObjectNode added = item.deepCopy().put("status", "in_progress").put("arguments", "");
                out.add(itemEvent("response.output_item.added", added));
                out.add(event("response.function_call_arguments.delta").put("item_id", item.path("id").asText())
                        .put("output_index", done.size()).put("delta", item.path("arguments").asText()));
                out.add(event("response.function_call_arguments.done").put("item_id", item.path("id").asText())
                        .put("output_index", done.size()).put("arguments", item.path("arguments").asText()));
                out.add(itemEvent("response.output_item.done", item));
                done.add(item);
            }
        }
        String content = message.path("content").asText("");
        if (!content.isEmpty()) {
            finishReasoning(out);
            if (messageId == null) {
                messageId = ResponseObject.itemId("msg_");
                out.add(itemEvent("response.output_item.added", response.messageItem(messageId, "in_progress", null)));
                out.add(part("response.content_part.added", ""));
            }
            text.append(content);
            out.add(event("response.output_text.delta").put("item_id", messageId).put("output_index", done.size())
                    .put("content_index", 0).put("delta", content).set("logprobs", response.json().createArrayNode()));
        }
        return out;
    }

    @Override
    public List<ObjectNode> end(JsonNode finalLine) {
        List<ObjectNode> out = new ArrayList<>(line(finalLine));
        finishReasoning(out);
        if (messageId != null) {
            out.add(event("response.output_text.done").put("item_id", messageId).put("output_index", done.size())
                    .put("content_index", 0).put("text", text.toString()).set("logprobs", response.json().createArrayNode()));
            out.add(part("response.content_part.done", text.toString()));
            ObjectNode item = response.messageItem(messageId, "completed", text.toString());
            out.add(itemEvent("response.output_item.done", item));
            done.add(item);
        }
        String status = ResponseObject.status(finalLine);
        out.add(withResponse("response." + status, response.response(status, done, finalLine)));
        return out;
    }

    /** OpenAI's stream error event, which the SDKs raise as an {@code APIError}. */
    @Override
    public ObjectNode failure(String message) {
        return event("error").put("code", "upstream_error").put("message", message).putNull("param");
    }

    private void finishReasoning(List<ObjectNode> out) {
        if (reasoningId == null) {
            return;
        }
        out.add(event("response.reasoning_summary_text.done").put("item_id", reasoningId).put("output_index", done.size())
                .put("summary_index", 0).put("text", thinking.toString()));
        ObjectNode item = response.reasoningItem(reasoningId, thinking.toString());
        out.add(itemEvent("response.output_item.done", item));
        done.add(item);
        reasoningId = null;
        thinking.setLength(0);
    }

    private ObjectNode part(String type, String partText) {
        ObjectNode e = event(type).put("item_id", messageId).put("output_index", done.size()).put("content_index", 0);
        e.set("part", response.textPart(partText));
        return e;
    }

    private ObjectNode itemEvent(String type, ObjectNode item) {
        ObjectNode e = event(type).put("output_index", done.size());
        e.set("item", item);
        return e;
    }

    private ObjectNode withResponse(String type, ObjectNode body) {
        ObjectNode e = event(type);
        e.set("response", body);
        return e;
    }

    private ObjectNode event(String type) {
        return response.json().createObjectNode().put("type", type).put("sequence_number", sequence++);
    }
}
