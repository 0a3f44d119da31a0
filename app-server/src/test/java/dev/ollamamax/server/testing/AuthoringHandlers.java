package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Model authoring as Ollama's {@code docs/api.md} documents it: {@code HEAD /api/blobs/:digest} (200 or
 * 404), {@code POST /api/blobs/:digest} (the body's SHA-256 must match: 400 {@code digest mismatch};
 * 201 stored, 200 already there), {@code POST /api/create} (from a model and/or blobs named in
 * {@code files}/{@code adapters}, progress lines ending with {@code success}, the model then listed) and
 * {@code POST /api/push} (upload progress for an installed model, then {@code success}).
 */
final class AuthoringHandlers {

    private final FakeState state;
    private final ObjectMapper json;

    AuthoringHandlers(FakeState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    void register(Router router) {
        router.routePrefix("HEAD", "/api/blobs/", this::hasBlob)
                .routePrefix("POST", "/api/blobs/", this::putBlob)
                .route("POST", "/api/create", this::create)
                .route("POST", "/api/push", this::push);
    }

    private void hasBlob(Exchange exchange) throws IOException {
        exchange.empty(state.hasBlob(digest(exchange)) ? 200 : 404);
    }

    private void putBlob(Exchange exchange) throws IOException {
        String digest = digest(exchange);
        byte[] raw = exchange.request().raw();
        String actual = "sha256:" + Bodies.sha256(raw);
        if (!actual.equals(digest)) {
            exchange.json(400, Bodies.error(json, "digest mismatch, expected \"" + digest + "\", got \"" + actual + "\""));
            return;
        }
        if (state.hasBlob(digest)) {
            exchange.empty(200);
            return;
        }
        state.addBlob(digest, raw.length);
        exchange.empty(201);
    }

    private void create(Exchange exchange) throws IOException {
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        String from = Bodies.text(request, "from");
        Optional<FakeState.Installed> base = from.isEmpty() ? Optional.empty() : state.find(from);
        if (!from.isEmpty() && base.isEmpty()) {
            exchange.json(404, Bodies.error(json, "model \"" + from + "\" not found"));
            return;
        }
        List<String> layers = new ArrayList<>();
        for (String field : List.of("files", "adapters")) {
            for (JsonNode d : request.path(field)) {
                if (!state.hasBlob(d.asText())) {
                    exchange.json(400, Bodies.error(json, "blob " + d.asText() + " not found"));
                    return;
                }
                layers.add(d.asText());
            }
        }
        if (from.isEmpty() && layers.isEmpty()) {
            exchange.json(400, Bodies.error(json, "neither 'from' or 'files' was specified"));
            return;
        }
        List<ObjectNode> lines = new ArrayList<>();
        lines.add(status(layers.isEmpty() ? "reading model metadata" : "parsing GGUF"));
        for (String field : List.of("system", "template", "license")) {
            if (request.hasNonNull(field)) {
                lines.add(status("creating " + field + " layer"));
            }
        }
        layers.forEach(d -> lines.add(status("using existing layer " + d)));
        lines.add(status("writing manifest"));
        lines.add(status("success"));
        FakeModel model = base.map(b -> b.model().withName(name)).orElse(FakeModel.of(name));
        if (!Bodies.stream(request)) {
            state.install(model);
            exchange.json(200, status("success"));
            return;
        }
        exchange.startStream();
        for (ObjectNode line : lines) {
            FailureResponses.pause(state.tokenDelay());
            if (line.path("status").asText().equals("success")) {
                state.install(model);
            }
            exchange.line(line);
        }
        exchange.endStream();
    }

    private void push(Exchange exchange) throws IOException {
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        Optional<FakeState.Installed> found = state.find(name);
        if (found.isEmpty()) {
            exchange.json(404, Bodies.error(json, "model \"" + name + "\" not found"));
            return;
        }
        long total = found.get().model().size();
        if (!Bodies.stream(request)) {
            exchange.json(200, status("success"));
            return;
        }
        exchange.startStream();
        exchange.line(status("retrieving manifest"));
        for (int quarter = 0; quarter <= 4; quarter++) {
            FailureResponses.pause(state.tokenDelay());
            exchange.line(status("pushing " + found.get().digest().substring(0, 12)).put("digest", "sha256:" + found.get().digest())
                    .put("total", total).put("completed", total * quarter / 4));
        }
        exchange.line(status("pushing manifest"));
        exchange.line(status("success"));
        exchange.endStream();
    }

    private static String digest(Exchange exchange) {
        return exchange.request().path().substring("/api/blobs/".length());
    }

    private ObjectNode status(String status) {
        return json.createObjectNode().put("status", status);
    }
}
