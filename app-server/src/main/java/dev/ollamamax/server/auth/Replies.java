package dev.ollamamax.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON answers and errors in the envelope each API family expects: OpenAI's
 * {@code {"error":{"message","type","param","code"}}} under {@code /v1}, {@code {"error":"…"}} elsewhere
 * (Ollama's shape, also used by {@code /auth} and {@code /api/v1}).
 */
final class Replies {

    private Replies() {
    }

    static void json(ServerResponse res, ObjectMapper json, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try {
            res.send(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(ServerResponse res, ObjectMapper json, String path, int status, String message) {
        Object body;
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("message", message);
            inner.put("type", openAiType(status));
            inner.put("param", null);
            inner.put("code", openAiCode(status));
            body = Map.of("error", inner);
        } else {
            body = Map.of("error", message);
        }
        json(res, json, Status.create(status), body);
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 429 -> "requests";
            case 500, 503 -> "server_error";
            default -> "invalid_request_error";
        };
    }

    private static String openAiCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "forbidden";
            case 429 -> "rate_limit_exceeded";
            case 503 -> "service_unavailable";
            default -> null;
        };
    }

    /** The request body as JSON; an empty or malformed body is a 400 that says so. */
    static JsonNode body(ServerRequest req, ObjectMapper json) {
        byte[] bytes = req.content().hasEntity() ? dev.ollamamax.server.http.JsonBodies.readBytes(req) : new byte[0];
        if (bytes.length == 0) {
            throw new AuthException(400, "the request needs a JSON body");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new AuthException(400, "the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AuthException(400, "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new AuthException(400, "the request body could not be read: " + e.getMessage());
        }
    }

    /** A text field of a JSON body, or null when absent or not a string. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
