package dev.ollamamax.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into answers in the caller's protocol: OpenAI's envelope under {@code /v1}, Ollama's
 * {@code {"error": "…"}} (with our {@code code}) everywhere else. Unexpected exceptions are logged and
 * answered 500 without internals.
 */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static void install(HttpRouting.Builder routing, ObjectMapper json) {
        routing.error(GatewayException.class, (req, res, e) -> send(json, req, res, e));
        routing.error(HttpException.class, (req, res, e) -> {
            int code = e.status().code();
            if (code == 404 || code == 405) {
                req.context().register(Unmatched.INSTANCE);
            }
            send(json, req, res, fromHelidon(e));
        });
        routing.error(IllegalArgumentException.class, (req, res, e) ->
                send(json, req, res, GatewayException.badRequest(e.getMessage())));
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(Level.WARNING, "Unexpected failure on " + req.prologue().method().text() + " " + req.path().path(), e);
            send(json, req, res, new GatewayException(ErrorKind.INTERNAL,
                    "The gateway failed unexpectedly while handling this request (" + e.getClass().getSimpleName() + ")"));
        });
    }

    /** Marks a request no route matched (in its context), so metrics can give all such requests one label. */
    public enum Unmatched { INSTANCE }

    /** Whether no route matched this request. */
    public static boolean unmatched(ServerRequest req) {
        return req.context().get(Unmatched.class).isPresent();
    }

    /** Helidon's own refusals (no route, bad request, payload too large) keep their status. */
    static GatewayException fromHelidon(HttpException e) {
        int code = e.status().code();
        ErrorKind kind = switch (code) {
            case 400 -> ErrorKind.BAD_REQUEST;
            case 401 -> ErrorKind.UNAUTHORIZED;
            case 403 -> ErrorKind.FORBIDDEN;
            case 404, 405 -> ErrorKind.NOT_FOUND;
            case 413 -> ErrorKind.TOO_LARGE;
            default -> code >= 500 ? ErrorKind.INTERNAL : ErrorKind.BAD_REQUEST;
        };
        String message = switch (code) {
            case 404, 405 -> "There is no such endpoint";
            case 413 -> "The request body is larger than the gateway accepts";
            default -> e.getMessage();
        };
        return new GatewayException(kind, message);
    }

    public static void send(ObjectMapper json, ServerRequest req, ServerResponse res, GatewayException e) {
        if (res.isSent()) {
            return;
        }
        JsonBodies.send(json, res, e.kind().status(), body(req.path().path(), e));
    }

    /** The error body for a path: OpenAI's shape under {@code /v1}, Ollama's elsewhere. */
    public static Map<String, Object> body(String path, GatewayException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.startsWith("/v1/") || path.equals("/v1")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", e.getMessage());
            error.put("type", e.kind().openAiType());
            error.put("param", e.param().orElse(null));
            error.put("code", e.kind().code());
            body.put("error", error);
        } else {
            body.put("error", e.getMessage());
            body.put("code", e.kind().code());
        }
        return body;
    }
}
