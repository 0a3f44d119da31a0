package dev.ollamamax.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Request-body parsing and the small deterministic rules of the fake (word counts, digests, vectors). */
final class Bodies {

    /** A request the fake refuses with 400 and {@code {"error": message}}. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private Bodies() {
    }

    static ObjectNode object(ObjectMapper json, String body) {
        if (body.isBlank()) {
            throw new BadRequest("missing request body");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("invalid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("request body must be a JSON object");
        }
        return object;
    }

    /** The {@code model} field, or the older {@code name}; 400 when neither is a non-empty string. */
    static String model(ObjectNode request) {
        JsonNode model = request.hasNonNull("model") ? request.get("model") : request.get("name");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new BadRequest("model is required");
        }
        return model.asText();
    }

    static String text(ObjectNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new BadRequest("json: cannot unmarshal " + node.getNodeType().name().toLowerCase()
                    + " into field " + field + " of type string");
        }
        return node.asText();
    }

    /** {@code stream} defaults to true, as in Ollama. */
    static boolean stream(ObjectNode request) {
        JsonNode stream = request.get("stream");
        return stream == null || stream.isNull() || stream.asBoolean(true);
    }

    static ObjectNode error(ObjectMapper json, String message) {
        return json.createObjectNode().put("error", message);
    }

    /** The fake's token rule for prompts: the number of whitespace-separated words. */
    static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** SHA-256 of the text, as 64 hex digits. */
    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256Bytes(text));
    }

    /** A unit vector of dimension 8 derived from the SHA-256 of the text: same text, same vector. */
    static double[] embedding(String text) {
        byte[] hash = sha256Bytes(text);
        double[] vector = new double[8];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            int bits = ((hash[4 * i] & 0xff) << 24) | ((hash[4 * i + 1] & 0xff) << 16)
                    | ((hash[4 * i + 2] & 0xff) << 8) | (hash[4 * i + 3] & 0xff);
            vector[i] = bits / (double) Integer.MAX_VALUE;
            norm += vector[i] * vector[i];
        }
        double length = Math.sqrt(norm);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = length == 0 ? 0 : vector[i] / length;
        }
        return vector;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] sha256Bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
