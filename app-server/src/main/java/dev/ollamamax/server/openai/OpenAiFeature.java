package dev.ollamamax.server.openai;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.NodesFeature;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.HttpRouting;

/**
 * The OpenAI-compatible API under {@code /v1} on the primary listener: models, chat completions,
 * completions, embeddings and (stateless) responses, routed to the Ollama nodes. Any other {@code /v1} path (or method) is an
 * OpenAI-shaped 404, so this feature must be the last to add routes under {@code /v1}.
 */
public final class OpenAiFeature implements GatewayFeature {

    private final ModelsRoutes models;
    private final ChatCompletions chat;
    private final Completions completions;
    private final Embeddings embeddings;
    private final Responses responses;

    public OpenAiFeature(GatewayContext context, NodesFeature nodes, AnswerCache answers) {
        this.models = new ModelsRoutes(context.json(), nodes.registry(), nodes.aliases(), context.clock());
        this.chat = new ChatCompletions(context.json(), nodes.upstream(), nodes.aliases(), context.clock(), answers);
        this.completions = new Completions(context.json(), nodes.upstream(), nodes.aliases(), context.clock(), answers);
        this.embeddings = new Embeddings(context.json(), nodes.upstream(), nodes.aliases());
        this.responses = new Responses(context.json(), nodes.upstream(), nodes.aliases(), context.clock(), answers);
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener != Listener.PRIMARY) {
            return;
        }
        routing.get("/v1/models", models::list)
                .get("/v1/models/{+id}", models::one)
                .post("/v1/chat/completions", chat::handle)
                .post("/v1/completions", completions::handle)
                .post("/v1/embeddings", embeddings::handle)
                .post("/v1/responses", responses::handle)
                .route(m -> m != Method.OPTIONS, PathMatchers.create("/v1/*"), (req, res) -> {
                    throw new GatewayException(ErrorKind.NOT_FOUND, "Invalid URL (" + req.prologue().method().text() + " "
                            + req.path().path() + "): OllamaMax serves GET /v1/models, GET /v1/models/{id}, "
                            + "POST /v1/chat/completions, POST /v1/completions, POST /v1/embeddings and POST /v1/responses");
                });
    }
}
