package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.GatewayVersion;
import dev.ollamamax.server.auth.ModelAccess;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.http.ModelHeader;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.ModelNames;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeClient;
import dev.ollamamax.server.nodes.NodeErrorText;
import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.NodeResponse;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.nodes.OllamaVersion;
import dev.ollamamax.server.nodes.UpstreamCall;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model management across nodes: merged {@code tags} and {@code ps}, {@code version}, {@code show},
 * {@code pull} (progress streamed from the node that pulls), {@code delete} and {@code copy}.
 */
final class ModelRoutes implements HttpService {

    private final ObjectMapper json;
    private final NodesFeature nodes;
    private final NodeRegistry registry;

    private final AnswerCache answers;

    ModelRoutes(ObjectMapper json, NodesFeature nodes, AnswerCache answers) {
        this.answers = answers;
        this.json = json;
        this.nodes = nodes;
        this.registry = nodes.registry();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/tags", this::tags)
                .get("/ps", this::ps)
                .get("/version", this::version)
                .post("/show", this::show)
                .post("/pull", this::pull)
                .delete("/delete", this::delete)
                .post("/copy", this::copy);
    }

    private void tags(ServerRequest req, ServerResponse res) {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        for (Node node : routable()) {
            for (JsonNode m : node.models()) {
                merged.putIfAbsent(ModelNames.normalize(m.path("name").asText()), m);
            }
        }
        for (ModelAliases.Alias alias : nodes.aliases().all()) {
            alias.models().stream().map(m -> merged.get(ModelNames.normalize(m))).filter(java.util.Objects::nonNull)
                    .findFirst().ifPresent(tag -> {
                        ObjectNode entry = tag.deepCopy();
                        entry.put("name", alias.name()).put("model", alias.name());
                        alias.models().forEach(entry.putArray("ollamamax_alias_of")::add);
                        merged.putIfAbsent(ModelNames.normalize(alias.name()), entry);
                    });
        }
        ObjectNode out = json.createObjectNode();
        out.putArray("models").addAll(merged.values());
        JsonBodies.send(json, res, 200, out);
    }

    /**
     * The loaded models of every routable node, merged, each entry naming the node that holds it ({@code "node"}:
     * its id); with our extension {@code ?node=<id>} those of that one node (routable or not, as the node reports
     * them), or 502 when it does not answer.
     */
    private void ps(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode out = json.createObjectNode();
        ArrayNode models = out.putArray("models");
        Optional<String> pinned = req.query().first("node").asOptional();
        if (pinned.isPresent()) {
            Node node = registry.get(pinned.get()).orElseThrow(() ->
                    GatewayException.badRequest("There is no node '" + pinned.get() + "'", "node"));
            NodeResponse<byte[]> r = fanOut(List.of(node), "GET", "/api/ps", null).getFirst();
            if (r == null || r.statusCode() != 200) {
                throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Node " + node.id() + " did not report its loaded models");
            }
            json.readTree(r.body()).path("models").forEach(m -> {
                if (m.isObject()) {
                    models.add(((ObjectNode) m.deepCopy()).put("node", node.id()));
                }
            });
            JsonBodies.send(json, res, 200, out);
            return;
        }
        List<Node> targets = routable();
        List<NodeResponse<byte[]>> answers = fanOut(targets, "GET", "/api/ps", null);
        for (int i = 0; i < targets.size(); i++) {
            NodeResponse<byte[]> r = answers.get(i);
            if (r != null && r.statusCode() == 200) {
                String node = targets.get(i).id();
                json.readTree(r.body()).path("models").forEach(m -> {
                    if (m.isObject()) {
                        models.add(((ObjectNode) m.deepCopy()).put("node", node));
                    }
                });
            }
        }
        JsonBodies.send(json, res, 200, out);
    }

    /**
     * {@code version} is the lowest version among the healthy nodes (what every request can count on),
     * {@code gateway_version} the gateway's own, {@code node_versions} each healthy node's.
     */
    private void version(ServerRequest req, ServerResponse res) {
        ObjectNode out = json.createObjectNode();
        ObjectNode perNode = json.createObjectNode();
        String lowest = null;
        for (Node n : routable()) {
            Optional<String> v = n.version().filter(OllamaVersion::known);
            v.ifPresent(version -> perNode.put(n.id(), version));
            if (v.isPresent() && (lowest == null || OllamaVersion.ORDER.compare(v.get(), lowest) < 0)) {
                lowest = v.get();
            }
        }
        out.put("version", lowest == null ? "0.0.0" : lowest);
        out.put("gateway_version", GatewayVersion.VALUE);
        out.set("node_versions", perNode);
        JsonBodies.send(json, res, 200, out);
    }

    private void show(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String requested = modelField(body, "model", "name");
        ModelAccess.require(req, requested);
        ModelAliases.Resolution resolution = nodes.aliases().resolve(requested);
        String model = resolution.model();
        ModelHeader.set(res, resolution);
        if (!model.equals(requested)) {
            body.remove("name");
            body.put("model", model);
        }
        // "node" pins it (the desktop shows one node's copy); the node answers 404 itself when it lacks the model
        List<Node> having = body.hasNonNull("node") ? List.of(target(body)) : registry.candidates(model);
        if (having.isEmpty()) {
            throw GatewayException.modelNotFound(model);
        }
        forward(having.getFirst(), "POST", "/api/show", json.writeValueAsBytes(body), res);
    }

    private void pull(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = modelField(body, "model", "name");
        Node node = target(body);
        boolean stream = body.path("stream").asBoolean(true);
        UpstreamCall call = nodes.upstream().openOn(node, "/api/pull", json.writeValueAsBytes(body));
        try {
            if (stream) {
                NdjsonRelay.relay(json, nodes.upstream(), call, model, res);
            } else {
                byte[] line;
                byte[] last = null;
                while ((line = call.nextLine()) != null) {
                    last = line;
                }
                call.close();
                res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json");
                res.send(last == null ? "{}".getBytes() : last);
            }
        } finally {
            call.close();
            answers.invalidate(model); // pulled again: its cached answers may be stale
            Thread.ofVirtual().start(() -> nodes.prober().probe(node));
        }
    }

    private void delete(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = modelField(body, "model", "name");
        List<Node> targets = targets(body, model);
        answers.invalidate(model);
        byte[] bytes = json.writeValueAsBytes(body);
        List<NodeResponse<byte[]>> results = fanOut(targets, "DELETE", "/api/delete", bytes);
        finishFanOut(targets, results, res, "delete " + model);
    }

    private void copy(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String source = JsonBodies.requireText(body, "source");
        answers.invalidate(JsonBodies.requireText(body, "destination"));
        List<Node> targets = targets(body, source);
        List<NodeResponse<byte[]>> results = fanOut(targets, "POST", "/api/copy", json.writeValueAsBytes(body));
        finishFanOut(targets, results, res, "copy " + source);
    }

    private void finishFanOut(List<Node> targets, List<NodeResponse<byte[]>> results, ServerResponse res, String what) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            NodeResponse<byte[]> r = results.get(i);
            if (r == null || r.statusCode() != 200) {
                failures.add(targets.get(i).id() + ": " + (r == null ? "no answer" : "HTTP " + r.statusCode() + " " + NodeErrorText.of(json, r.statusCode(), r.body())));
            }
            Node n = targets.get(i);
            Thread.ofVirtual().start(() -> nodes.prober().probe(n));
        }
        if (!failures.isEmpty()) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Could not " + what + " on every node: " + String.join("; ", failures));
        }
        res.status(200).send();
    }

    /** Nodes to act on: the pinned one, or every routable node that has the model. */
    private List<Node> targets(ObjectNode body, String model) {
        if (body.hasNonNull("node")) {
            return List.of(target(body));
        }
        List<Node> having = routable().stream().filter(n -> n.hasModel(model)).toList();
        if (having.isEmpty()) {
            throw GatewayException.modelNotFound(model);
        }
        return having;
    }

    /** The pinned node ({@code "node"} field, removed before forwarding), else the least busy routable node. */
    private Node target(ObjectNode body) {
        JsonNode pinned = body.remove("node");
        if (pinned != null && pinned.isTextual()) {
            return registry.get(pinned.asText()).orElseThrow(() ->
                    GatewayException.badRequest("There is no node '" + pinned.asText() + "'", "node"));
        }
        return routable().stream().min(java.util.Comparator.comparingInt(Node::inFlight))
                .orElseThrow(() -> new GatewayException(ErrorKind.NO_HEALTHY_NODE, "No healthy Ollama node to pull to"));
    }

    private List<Node> routable() {
        Instant now = Instant.now();
        return registry.all().stream().filter(n -> n.routable(now)).toList();
    }

    private List<NodeResponse<byte[]>> fanOut(List<Node> targets, String method, String path, byte[] body) {
        return FanOut.send(nodes.client(), targets, method, path, body);
    }

    private void forward(Node node, String method, String path, byte[] body, ServerResponse res) throws Exception {
        NodeResponse<byte[]> r;
        try {
            r = nodes.client().sendBytes(node.url(), method, path, body, FanOut.CALL_TIMEOUT);
        } catch (java.io.IOException e) {
            registry.markFailed(node, NodeClient.describe(e));
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Node " + node.id() + ": " + NodeClient.describe(e));
        }
        res.status(r.statusCode());
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, r.header("Content-Type").orElse("application/json"));
        res.send(r.body());
    }

    private static String modelField(ObjectNode body, String... names) {
        for (String n : names) {
            if (body.hasNonNull(n) && body.get(n).isTextual() && !body.get(n).asText().isBlank()) {
                return body.get(n).asText();
            }
        }
        throw GatewayException.badRequest("The field 'model' is required", "model");
    }

}
