package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.cache.WholeAnswer;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /v1/responses}: the stateless OpenAI Responses API (the subset Ollama serves), translated
 * to Ollama {@code /api/chat} on the best node like {@code /v1/chat/completions} (same access rules,
 * usage recording, metrics and response cache), answered whole or as Responses SSE events.
 */
final class Responses {

    private final ObjectMapper json;
    private final Upstream upstream;
    private final ModelAliases aliases;
    private final Clock clock;
    private final AnswerCache answers;

    Responses(ObjectMapper json, Upstream upstream, ModelAliases aliases, Clock clock, AnswerCache answers) {
        this.json = json;
        this.upstream = upstream;
        this.aliases = aliases;
        this.clock = clock;
        this.answers = answers;
    }

    void handle(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = OpenAiRequests.resolve(req, res, body, aliases);
        boolean stream = OpenAiRequests.stream(body);
        ObjectNode ollama = new ResponsesTranslation(json).toOllama(body, model, stream);
        byte[] forward = json.writeValueAsBytes(ollama);
        ResponseObject response = new ResponseObject(json, clock, body, model);
        if (stream) {
            UpstreamCall call = UsageTicket.open(req, upstream, model, "/api/chat", forward, Optional.empty());
            SseRelay.relay(json, upstream, call, model, new ResponsesStream(response), res);
            return;
        }
        WholeAnswer whole = answers.fetch(req, res, upstream, "/v1/responses", body, model, "/api/chat", forward,
                Optional.empty());
        JsonNode answer = json.readTree(whole.line());
        ObjectNode out = response.response(ResponseObject.status(answer), response.output(answer), answer);
        res.header(HeaderNames.create("X-OllamaMax-Node"), whole.node());
        JsonBodies.send(json, res, 200, out);
    }
}
