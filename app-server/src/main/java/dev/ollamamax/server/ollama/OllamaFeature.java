package dev.ollamamax.server.ollama;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.nodes.NodesFeature;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;

/** The Ollama-compatible API on the primary listener. */
public final class OllamaFeature implements GatewayFeature {

    private final GenerationRoutes generation;
    private final ModelRoutes models;
    private final ModelAuthoring authoring;

    public OllamaFeature(GatewayContext context, NodesFeature nodes, AnswerCache answers) {
        this.generation = new GenerationRoutes(context.json(), nodes.upstream(), nodes.aliases(),
                new ClusterUnload(context.json(), nodes), answers);
        this.models = new ModelRoutes(context.json(), nodes, answers);
        this.authoring = new ModelAuthoring(context.json(), nodes, answers);
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener != Listener.PRIMARY) {
            return;
        }
        routing.head("/", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send())
                .get("/", (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send("Ollama is running"))
                .register("/api", generation)
                .register("/api", models)
                .register("/api", authoring);
    }
}
