package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.ModelNames;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeErrorText;
import dev.ollamamax.server.nodes.NodeResponse;
import dev.ollamamax.server.nodes.NodesFeature;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An unload ({@code /api/generate} without a prompt or {@code /api/chat} without messages, and
 * {@code keep_alive: 0}) goes to every routable node that has the model loaded, as each node's
 * {@code /api/ps} says right now, not to one routed node: otherwise the model would stay in memory on
 * the others. The client gets the first node's answer and {@code X-OllamaMax-Node} lists every node
 * unloaded; when no node has it loaded the request is routed as usual (the node answers as Ollama does).
 * A request that pins a node ({@code "node"}) unloads on that node only.
 */
final class ClusterUnload {

    private final ObjectMapper json;
    private final NodesFeature nodes;

    ClusterUnload(ObjectMapper json, NodesFeature nodes) {
        this.json = json;
        this.nodes = nodes;
    }

    /** Whether the body asks to unload: no prompt (or no messages) and a zero {@code keep_alive}. */
    static boolean isUnload(ObjectNode body, String path) {
        boolean empty = path.equals("/api/chat")
                ? !body.hasNonNull("messages") || body.get("messages").isArray() && body.get("messages").isEmpty()
                : !body.hasNonNull("prompt") || body.get("prompt").asText("").isEmpty();
        JsonNode k = body.get("keep_alive");
        boolean zero = k != null && (k.isNumber() && k.asDouble() == 0
                || k.isTextual() && k.asText().strip().matches("0+(\\.0+)?(ns|us|µs|ms|s|m|h)?"));
        return empty && zero;
    }

    /** Unloads on every node that has the model loaded; false (nothing sent) when none has. */
    boolean unload(String model, String path, byte[] body, ServerResponse res) throws Exception {
        Instant now = Instant.now();
        List<Node> routable = nodes.registry().all().stream().filter(n -> n.routable(now) && n.hasModel(model)).toList();
        List<Node> loaded = new ArrayList<>();
        List<NodeResponse<byte[]>> ps = fanOut(routable, "GET", "/api/ps", null);
        for (int i = 0; i < routable.size(); i++) {
            NodeResponse<byte[]> r = ps.get(i);
            if (r != null && r.statusCode() == 200 && lists(json.readTree(r.body()), model)) {
                loaded.add(routable.get(i));
            }
        }
        if (loaded.isEmpty()) {
            return false;
        }
        List<NodeResponse<byte[]>> answers = fanOut(loaded, "POST", path, body);
        List<String> failures = new ArrayList<>();
        NodeResponse<byte[]> first = null;
        for (int i = 0; i < loaded.size(); i++) {
            NodeResponse<byte[]> r = answers.get(i);
            Node n = loaded.get(i);
            if (r == null || r.statusCode() != 200) {
                failures.add(n.id() + ": " + (r == null ? "no answer" : NodeErrorText.of(json, r.statusCode(), r.body())));
            } else if (first == null) {
                first = r;
            }
            Thread.ofVirtual().start(() -> nodes.prober().probe(n));
        }
        if (!failures.isEmpty()) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Could not unload " + model + " on every node that has it"
                    + " loaded: " + String.join("; ", failures));
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.create("X-OllamaMax-Node"), String.join(",", loaded.stream().map(Node::id).toList()));
        res.send(first.body());
        return true;
    }

    private static boolean lists(JsonNode ps, String model) {
        for (JsonNode m : ps.path("models")) {
            if (ModelNames.same(m.path("name").asText(m.path("model").asText("")), model)) {
                return true;
            }
        }
        return false;
    }

    private List<NodeResponse<byte[]>> fanOut(List<Node> targets, String method, String path, byte[] body) {
        return FanOut.send(nodes.client(), targets, method, path, body);
    }
}
