package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/pull}, {@code DELETE /api/delete} and {@code POST /api/copy}. A pull streams Ollama's
 * progress for the layers given to {@link FakeOllama#pullLayers} (an installed model pulls again as one
 * layer of its size), with the token delay between lines, then installs the model; any other name fails
 * with {@code pull model manifest: file does not exist}.
 */
final class ModelAdminHandlers {

    static final String NO_MANIFEST = "pull model manifest: file does not exist";

    private final FakeState state;
    private final ObjectMapper json;

    ModelAdminHandlers(FakeState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    void register(Router router) {
        router.route("POST", "/api/pull", this::pull)
                .route("DELETE", "/api/delete", this::delete)
                .route("POST", "/api/copy", this::copy);
    }

    private void pull(Exchange exchange) throws IOException {
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        Optional<long[]> layers = state.pullLayers(name);
        List<ObjectNode> progress = layers.map(sizes -> progress(name, sizes)).orElse(List.of());
        Duration delay = state.tokenDelay();
        if (!Bodies.stream(request)) {
            for (int i = 0; i < progress.size(); i++) {
                FailureResponses.pause(delay);
            }
            if (layers.isEmpty()) {
                exchange.json(500, Bodies.error(json, NO_MANIFEST));
                return;
            }
            install(name, layers.get());
            exchange.json(200, status("success"));
            return;
        }
        exchange.startStream();
        exchange.line(status("pulling manifest"));
        if (layers.isEmpty()) {
            exchange.line(Bodies.error(json, NO_MANIFEST));
            exchange.endStream();
            return;
        }
        try {
            for (ObjectNode line : progress) {
                FailureResponses.pause(delay);
                exchange.line(line);
            }
            exchange.line(status("verifying sha256 digest"));
            exchange.line(status("writing manifest"));
        } catch (IOException clientGone) {
            state.pullsCut().incrementAndGet();
            throw clientGone;
        }
        install(name, layers.get());
        exchange.line(status("success"));
        exchange.endStream();
    }

    private void delete(Exchange exchange) throws IOException {
        String name = Bodies.model(Bodies.object(json, exchange.request().body()));
        if (state.remove(name)) {
            exchange.empty(200);
        } else {
            exchange.json(404, Bodies.error(json, "model '" + name + "' not found"));
        }
    }

    private void copy(Exchange exchange) throws IOException {
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String source = Bodies.text(request, "source");
        String destination = Bodies.text(request, "destination");
        if (source.isBlank() || destination.isBlank()) {
            throw new Bodies.BadRequest("source and destination are required");
        }
        if (state.copy(source, destination)) {
            exchange.empty(200);
        } else {
            exchange.json(404, Bodies.error(json, "model \"" + source + "\" not found"));
        }
    }

    /** Per layer: a first line without {@code completed} (Go omits zero), then 25, 50, 75 and 100 %. */
    private List<ObjectNode> progress(String name, long[] sizes) {
        List<ObjectNode> lines = new ArrayList<>();
        for (int layer = 0; layer < sizes.length; layer++) {
            String hex = Bodies.sha256(FakeModel.fullName(name) + "#layer" + layer);
            long total = sizes[layer];
            for (int quarter = 0; quarter <= 4; quarter++) {
                ObjectNode line = status("pulling " + hex.substring(0, 12))
                        .put("digest", "sha256:" + hex).put("total", total);
                long completed = total * quarter / 4;
                if (completed > 0) {
                    line.put("completed", completed);
                }
                lines.add(line);
            }
        }
        return lines;
    }

    private void install(String name, long[] sizes) {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        FakeModel existing = state.find(name).map(FakeState.Installed::model).orElse(FakeModel.of(name));
        state.install(existing.withSize(total));
    }

    private ObjectNode status(String status) {
        return json.createObjectNode().put("status", status);
    }
}
