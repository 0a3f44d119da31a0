package dev.ollamamax.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies as JSON objects and writes JSON answers. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object; a missing, malformed or non-object body is a 400 with the reason. */
    public static ObjectNode readObject(ObjectMapper json, ServerRequest req) {
        return parseObject(json, readBytes(req));
    }

    /** The raw body, with a 400 or 413 when it cannot be read. */
    public static byte[] readBytes(ServerRequest req) {
        byte[] bytes;
        long max = BodyLimit.of(req);
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new GatewayException(ErrorKind.TOO_LARGE, "The request body is larger than MAX_BODY_BYTES (" + max + ")");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "Could not read the request body: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e.getClass().getSimpleName().contains("TooLarge") || String.valueOf(e.getMessage()).contains("too large")) {
                throw new GatewayException(ErrorKind.TOO_LARGE, "The request body is larger than the gateway accepts");
            }
            throw e;
        }
        return bytes;
    }

    public static ObjectNode parseObject(ObjectMapper json, byte[] bytes) {
        if (bytes.length == 0) {
            throw GatewayException.badRequest("The request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayException.badRequest("The request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw GatewayException.badRequest("The request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A required text field, or a 400 naming it. */
    public static String requireText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw GatewayException.badRequest("The field '" + field + "' is required", field);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw GatewayException.badRequest("The field '" + field + "' must be a non-empty string", field);
        }
        return v.asText();
    }

    public static void send(ObjectMapper json, ServerResponse res, int status, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            res.status(Status.create(status));
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(bytes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
