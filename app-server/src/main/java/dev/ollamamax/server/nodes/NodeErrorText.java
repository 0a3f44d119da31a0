package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What a client is told about a node's error answer: the {@code error} of an Ollama error body
 * ({@code {"error":"..."}}), shortened and without control characters; for anything else only the status.
 * Other bytes a node sent are never repeated (a node URL must not be a way to read other services' banners).
 */
public final class NodeErrorText {

    static final int MAX_CHARS = 300;

    private NodeErrorText() {
    }

    public static String of(ObjectMapper json, int status, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject() && node.path("error").isTextual()) {
                return clip(node.path("error").asText());
            }
        } catch (IOException e) {
            // not an Ollama error answer
        }
        return "HTTP " + status;
    }

    static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= MAX_CHARS ? clean : clean.substring(0, MAX_CHARS) + "…";
    }
}
