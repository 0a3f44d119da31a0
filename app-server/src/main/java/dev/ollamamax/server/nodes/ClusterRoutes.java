package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster API: nodes (list, add after a connection test, test, remove, drain), models per node, status. */
final class ClusterRoutes implements HttpService {

    private final ObjectMapper json;
    private final NodeRegistry registry;
    private final NodeProber prober;
    private final Optional<NodeSync> sync;

    ClusterRoutes(ObjectMapper json, NodeRegistry registry, NodeProber prober, Optional<NodeSync> sync) {
        this.json = json;
        this.registry = registry;
        this.prober = prober;
        this.sync = sync;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/nodes", this::list)
                .post("/nodes", this::add)
                .post("/nodes/test", this::test)
                .get("/nodes/{id}", this::get)
                .delete("/nodes/{id}", this::remove)
                .post("/nodes/{id}/drain", (req, res) -> drain(req, res, true))
                .post("/nodes/{id}/undrain", (req, res) -> drain(req, res, false))
                .get("/nodes/{id}/models", this::models)
                .get("/cluster/status", this::status);
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonBodies.send(json, res, 200, Map.of("nodes", registry.all().stream().map(this::view).toList()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        JsonBodies.send(json, res, 200, view(node(req)));
    }

    private void add(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonBodies.readObject(json, req);
        URI url = url(body);
        String id = NodeRegistry.idOf(url);
        if (registry.get(id).isPresent()) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "Node " + id + " is already registered", "url", null);
        }
        Node probe = new Node(id, id, url);
        if (!prober.probe(probe)) {
            throw new GatewayException(ErrorKind.BAD_REQUEST, "Node " + url + " did not answer like an Ollama server: "
                    + probe.snapshot().lastError().orElse("no answer") + "; it was not added", "url", null);
        }
        Optional<String> name = Optional.ofNullable(body.path("name").asText(null)).filter(s -> !s.isBlank());
        Node node = registry.add(url, name);
        prober.probe(node);
        sync.ifPresent(s -> s.added(node));
        JsonBodies.send(json, res, 201, view(node));
    }

    private void test(ServerRequest req, ServerResponse res) {
        URI url = url(JsonBodies.readObject(json, req));
        String id = NodeRegistry.idOf(url);
        Node probe = new Node(id, id, url);
        boolean ok = prober.probe(probe);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", url.toString());
        out.put("ok", ok);
        NodeSnapshot s = probe.snapshot();
        out.put("version", s.version().orElse(null));
        out.put("models", s.models());
        out.put("latency_ms", ok ? s.latencyMs() : null);
        out.put("error", s.lastError().orElse(null));
        JsonBodies.send(json, res, 200, out);
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Node node = node(req);
        registry.remove(node.id());
        sync.ifPresent(s -> s.removed(node));
        res.status(204).send();
    }

    private void drain(ServerRequest req, ServerResponse res, boolean draining) {
        Node node = node(req);
        registry.drain(node.id(), draining);
        sync.ifPresent(s -> s.drained(node));
        JsonBodies.send(json, res, 200, view(node));
    }

    private void models(ServerRequest req, ServerResponse res) {
        Node node = node(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node.id());
        out.put("models", node.models());
        out.put("loaded", node.loaded());
        JsonBodies.send(json, res, 200, out);
    }

    private void status(ServerRequest req, ServerResponse res) {
        List<NodeSnapshot> nodes = registry.snapshots();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes_total", nodes.size());
        out.put("nodes_up", nodes.stream().filter(n -> n.status() == NodeStatus.UP && !n.draining()).count());
        out.put("nodes_draining", nodes.stream().filter(NodeSnapshot::draining).count());
        out.put("in_flight", nodes.stream().mapToInt(NodeSnapshot::inFlight).sum());
        out.put("models", nodes.stream().flatMap(n -> n.models().stream()).distinct().sorted().toList());
        out.put("status", registry.anyRoutable() ? "ok" : "no_healthy_node");
        JsonBodies.send(json, res, 200, out);
    }

    private Node node(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return registry.get(id).orElseThrow(() -> new GatewayException(ErrorKind.NOT_FOUND, "There is no node '" + id + "'"));
    }

    private URI url(ObjectNode body) {
        String raw = JsonBodies.requireText(body, "url");
        try {
            URI url = NodeRegistry.normalize(raw);
            prober.client().policy().check(url);
            return url;
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest(e.getMessage(), "url");
        }
    }

    /** The node as the API shows it. */
    Map<String, Object> view(Node node) {
        NodeSnapshot s = node.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("url", s.url().toString());
        out.put("status", s.draining() ? "draining" : s.status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("healthy", s.status() == NodeStatus.UP);
        out.put("draining", s.draining());
        out.put("version", s.version().orElse(null));
        out.put("models", s.models());
        out.put("loaded", s.loaded());
        out.put("in_flight", s.inFlight());
        out.put("latency_ms", s.latencyMs() < 0 ? null : s.latencyMs());
        out.put("last_error", s.lastError().orElse(null));
        out.put("last_check", s.lastCheck().map(Object::toString).orElse(null));
        return out;
    }
}
