package dev.ollamamax.server.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.shared.protocol.ChatMessage;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.GenerationSettings;

/**
 * The body of the Ollama {@code /api/chat} request for an {@code inference} frame: messages with their
 * {@code images}, {@code think}, and {@code options} (temperature, num_predict, top_p, seed, num_ctx, stop).
 */
final class OllamaChatRequest {

    private OllamaChatRequest() {
    }

    static byte[] body(ObjectMapper json, ClientFrame.Inference inference) {
        GenerationSettings s = inference.settings() == null ? GenerationSettings.defaults() : inference.settings();
        ObjectNode body = json.createObjectNode();
        body.put("model", inference.model());
        ArrayNode messages = body.putArray("messages");
        if (s.system() != null) {
            messages.addObject().put("role", "system").put("content", s.system());
        }
        for (ChatMessage m : inference.conversation()) {
            ObjectNode message = messages.addObject().put("role", m.role()).put("content", m.content());
            if (!m.images().isEmpty()) {
                ArrayNode images = message.putArray("images");
                m.images().forEach(images::add);
            }
        }
        body.put("stream", s.streamingOrDefault());
        if (s.think() != null) {
            body.put("think", s.think());
        }
        ObjectNode options = json.createObjectNode();
        if (s.temperature() != null) {
            options.put("temperature", s.temperature());
        }
        if (s.maxTokens() != null) {
            options.put("num_predict", s.maxTokens());
        }
        if (s.topP() != null) {
            options.put("top_p", s.topP());
        }
        if (s.seed() != null) {
            options.put("seed", s.seed());
        }
        if (s.numCtx() != null) {
            options.put("num_ctx", s.numCtx());
        }
        if (s.stop() != null && !s.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            s.stop().forEach(stop::add);
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
