package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.auth.ModelAccess;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.cache.WholeAnswer;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.http.ModelHeader;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** {@code /api/chat}, {@code /api/generate}, {@code /api/embed}, {@code /api/embeddings}: routed to the best node. */
final class GenerationRoutes implements HttpService {

    private final ObjectMapper json;
    private final Upstream upstream;
    private final AnswerCache answers;

    private final ModelAliases aliases;
    private final ClusterUnload unload;

    GenerationRoutes(ObjectMapper json, Upstream upstream, ModelAliases aliases, ClusterUnload unload, AnswerCache answers) {
        this.aliases = aliases;
        this.unload = unload;
        this.json = json;
        this.upstream = upstream;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/chat", (req, res) -> generate(req, res, "/api/chat"))
                .post("/generate", (req, res) -> generate(req, res, "/api/generate"))
                .post("/embed", (req, res) -> embed(req, res, "/api/embed"))
                .post("/embeddings", (req, res) -> embed(req, res, "/api/embeddings"));
    }

    private void generate(ServerRequest req, ServerResponse res, String path) throws Exception {
        byte[] raw = JsonBodies.readBytes(req);
        ObjectNode body = JsonBodies.parseObject(json, raw);
        String requested = JsonBodies.requireText(body, "model");
        String model = resolve(req, res, body, requested);
        if (path.equals("/api/chat")) {
            validateMessages(body);
        } else if (body.has("prompt") && !body.get("prompt").isTextual()) {
            throw GatewayException.badRequest("The field 'prompt' must be a string", "prompt");
        }
        boolean stream = body.path("stream").asBoolean(true);
        boolean rewritten = body.has("node") || !model.equals(requested);
        Optional<String> node = pinnedNode(body);
        // the validated body goes to the node as it came, unless our "node" field had to come out or an alias was resolved
        byte[] forward = rewritten ? json.writeValueAsBytes(body) : raw;
        if (node.isEmpty() && ClusterUnload.isUnload(body, path) && unload.unload(model, path, forward, res)) {
            return;
        }
        if (stream) {
            NdjsonRelay.relay(json, upstream, UsageTicket.open(req, upstream, model, path, forward, node), model, res);
        } else {
            send(answers.fetch(req, res, upstream, path, body, model, path, forward, node), res);
        }
    }

    private void embed(ServerRequest req, ServerResponse res, String path) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = resolve(req, res, body, JsonBodies.requireText(body, "model"));
        if (path.equals("/api/embed")) {
            JsonNode input = body.get("input");
            if (input == null || !(input.isTextual() || input.isArray())) {
                throw GatewayException.badRequest("The field 'input' is required: a string or an array of strings", "input");
            }
        }
        UpstreamCall call = UsageTicket.open(req, upstream, model, path, json.writeValueAsBytes(body), pinnedNode(body));
        sendWhole(call, model, res);
    }

    /** Access checked on the name asked for; an alias resolved (into the body) and the model used named in a header. */
    private String resolve(ServerRequest req, ServerResponse res, ObjectNode body, String requested) {
        ModelAccess.require(req, requested);
        ModelAliases.Resolution resolution = aliases.resolve(requested);
        ModelHeader.set(res, resolution);
        if (!resolution.model().equals(requested)) {
            body.put("model", resolution.model());
        }
        return resolution.model();
    }

    private void sendWhole(UpstreamCall call, String model, ServerResponse res) throws Exception {
        try (call) {
            byte[] whole = call.nextLine();
            upstream.recordUsage(call, model, json.readTree(whole));
            send(new WholeAnswer(whole, call.node().id(), false), res);
        }
    }

    private static void send(WholeAnswer answer, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.create("X-OllamaMax-Node"), answer.node());
        res.send(answer.line());
    }

    private static void validateMessages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            return; // Ollama loads the model when no messages are given
        }
        if (!messages.isArray()) {
            throw GatewayException.badRequest("The field 'messages' must be an array of {role, content}", "messages");
        }
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw GatewayException.badRequest("Each message needs a 'role' string and a 'content'", "messages");
            }
        }
    }

    /** Our extension: {@code "node": "<id>"} pins the request to one node; removed before forwarding. */
    private Optional<String> pinnedNode(ObjectNode body) {
        JsonNode node = body.remove("node");
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
