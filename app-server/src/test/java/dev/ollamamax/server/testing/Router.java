package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records each request, refuses a non-local Host with 403 (as Ollama does when bound to loopback) and
 * hands the request to the handler of its method and path; {@code HEAD} is served by the {@code GET} route
 * without a body. Unknown routes get Ollama's (gin's) {@code 404 page not found}.
 */
final class Router {

    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final FakeState state;
    private final ObjectMapper json;
    private final Map<String, Handler> routes = new HashMap<>();
    private final Map<String, Handler> prefixes = new HashMap<>();

    Router(FakeState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    Router route(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** A handler for every path under {@code prefix} (e.g. {@code /api/blobs/} and a digest). */
    Router routePrefix(String method, String prefix, Handler handler) {
        prefixes.put(method + " " + prefix, handler);
        return this;
    }

    void handle(Exchange exchange) throws IOException {
        RecordedRequest request = exchange.request();
        state.record(request);
        if (!localHost(request.host())) {
            exchange.empty(403);
            return;
        }
        Handler handler = routes.get(request.method() + " " + request.path());
        if (handler == null) {
            handler = prefixes.entrySet().stream()
                    .filter(e -> (request.method() + " " + request.path()).startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (handler == null && "HEAD".equals(request.method())) {
            handler = routes.get("GET " + request.path());
        }
        if (handler == null) {
            exchange.text(404, "404 page not found");
            return;
        }
        try {
            handler.handle(exchange);
        } catch (Bodies.BadRequest e) {
            exchange.json(400, Bodies.error(json, e.getMessage()));
        } catch (RuntimeException e) {
            if (exchange.responded()) {
                exchange.cut();
            } else {
                exchange.json(500, Bodies.error(json, "fake ollama failed: " + e));
            }
        }
    }

    /** {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with or without a port. */
    static boolean localHost(Optional<String> hostHeader) {
        if (hostHeader.isEmpty()) {
            return false;
        }
        String host = hostHeader.get().trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']') && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            host = host.substring(0, colon);
        }
        return LOCAL_HOSTS.contains(host);
    }
}
