package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** How one API turns a node's NDJSON lines into OpenAI stream chunks. */
interface StreamTranslation {

    /** Chunks sent before the first line (chat sends the assistant role first). */
    List<ObjectNode> opening();

    /** Chunks for one line that does not end the answer (usually one, none for an empty line). */
    List<ObjectNode> line(JsonNode line);

    /** Chunks for the node's final {@code done} line: its last text, the finish reason, usage when asked. */
    List<ObjectNode> end(JsonNode finalLine);

    /**
     * Whether each event goes out with its {@code type} as the SSE event name and the stream ends without
     * {@code data: [DONE]} (the Responses API), rather than as bare {@code data:} chunks (chat, completions).
     */
    default boolean namedEvents() {
        return false;
    }

    /** The event that reports a failure after the stream began; null for the chat-completions error shape. */
    default ObjectNode failure(String message) {
        return null;
    }
}
