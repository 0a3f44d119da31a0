package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/embed} ({@code input}: a string or an array of strings) and the legacy
 * {@code POST /api/embeddings} ({@code prompt}). Vectors have dimension 8 and are derived from the SHA-256
 * of each text ({@link Bodies#embedding}): the same text always gets the same unit vector.
 */
final class EmbeddingHandlers {

    private final FakeState state;
    private final ObjectMapper json;

    EmbeddingHandlers(FakeState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    void register(Router router) {
        router.route("POST", "/api/embed", this::embed)
                .route("POST", "/api/embeddings", this::embeddings);
    }

    private void embed(Exchange exchange) throws IOException {
        long start = System.nanoTime();
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        List<String> inputs = inputs(request.get("input"));
        if (!admit(exchange, name)) {
            return;
        }
        try {
            long loaded = System.nanoTime();
            ObjectNode body = json.createObjectNode().put("model", name);
            ArrayNode embeddings = body.putArray("embeddings");
            int words = 0;
            for (String input : inputs) {
                vector(embeddings.addArray(), input);
                words += Bodies.words(input);
            }
            long end = System.nanoTime();
            exchange.json(200, body.put("total_duration", end - start).put("load_duration", loaded - start)
                    .put("prompt_eval_count", words));
        } finally {
            state.inFlight().decrementAndGet();
        }
    }

    private void embeddings(Exchange exchange) throws IOException {
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        String prompt = Bodies.text(request, "prompt");
        if (!admit(exchange, name)) {
            return;
        }
        try {
            ObjectNode body = json.createObjectNode();
            ArrayNode embedding = body.putArray("embedding");
            if (!prompt.isEmpty()) {
                vector(embedding, prompt);
            }
            exchange.json(200, body);
        } finally {
            state.inFlight().decrementAndGet();
        }
    }

    /**
     * Answers 404 for an unknown model and plays a scripted failure; otherwise counts the request in flight
     * (the caller decrements) and returns true.
     */
    private boolean admit(Exchange exchange, String name) throws IOException {
        if (state.find(name).isEmpty()) {
            exchange.json(404, Bodies.error(json, "model \"" + name + "\" not found, try pulling it first"));
            return false;
        }
        Optional<Failure> failure = state.takeFailure();
        if (failure.isPresent()) {
            if (failure.get().beforeFirstToken()) {
                FailureResponses.beforeFirstToken(exchange, failure.get(), json);
            } else {
                state.inFlight().incrementAndGet();
                try {
                    FailureResponses.afterFirstTokenUnstreamed(exchange, failure.get(), json);
                } finally {
                    state.inFlight().decrementAndGet();
                }
            }
            return false;
        }
        state.inFlight().incrementAndGet();
        state.markLoaded(name);
        return true;
    }

    private static List<String> inputs(JsonNode input) {
        List<String> inputs = new ArrayList<>();
        if (input == null || input.isNull()) {
            return inputs;
        }
        if (input.isTextual()) {
            if (!input.asText().isEmpty()) {
                inputs.add(input.asText());
            }
            return inputs;
        }
        if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new Bodies.BadRequest("invalid input type: input must be a string or an array of strings");
                }
                inputs.add(item.asText());
            }
            return inputs;
        }
        throw new Bodies.BadRequest("invalid input type: input must be a string or an array of strings");
    }

    private static void vector(ArrayNode target, String text) {
        for (double value : Bodies.embedding(text)) {
            target.add(value);
        }
    }
}
