package dev.ollamamax.server.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeResponse;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.nodes.UpstreamCall;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Model authoring on the nodes (admin only, see {@code auth.Permissions}): {@code HEAD /api/blobs/:digest}
 * (200 when a healthy node has the blob, {@code X-OllamaMax-Node} naming them), {@code POST /api/create}
 * (progress streamed from the node that holds every blob named in {@code files}/{@code adapters}, else a
 * node that has {@code from}, else the least busy; {@code "node"} pins it) and {@code POST /api/push}
 * (from a node that has the model). Blob uploads are {@link BlobUpload}.
 */
final class ModelAuthoring implements HttpService {

    private final ObjectMapper json;
    private final NodesFeature nodes;
    private final AnswerCache answers;
    private final BlobUpload upload;

    ModelAuthoring(ObjectMapper json, NodesFeature nodes, AnswerCache answers) {
        this.json = json;
        this.nodes = nodes;
        this.answers = answers;
        this.upload = new BlobUpload(json, nodes, this);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.head("/blobs/{digest}", this::hasBlob)
                .post("/blobs/{digest}", (req, res) -> upload.handle(req, res, digest(req)))
                .post("/create", this::create)
                .post("/push", this::push);
    }

    private void hasBlob(ServerRequest req, ServerResponse res) {
        String digest = digest(req);
        List<Node> candidates = req.query().first("node").map(id -> List.of(node(id))).orElseGet(this::routable);
        List<Node> having = holding(candidates, Set.of(digest));
        if (!having.isEmpty()) {
            res.header(HeaderNames.create("X-OllamaMax-Node"), String.join(",", having.stream().map(Node::id).toList()));
        }
        res.status(having.isEmpty() ? 404 : 200).send();
    }

    private void create(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = JsonBodies.requireText(body, "model");
        Node node = createTarget(body);
        answers.invalidate(model); // created over an existing name: its cached answers are stale
        relay(node, "/api/create", body, model, res);
    }

    private void push(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = body.hasNonNull("model") ? JsonBodies.requireText(body, "model") : JsonBodies.requireText(body, "name");
        Node node = pinned(body).orElseGet(() -> routable().stream().filter(n -> n.hasModel(model))
                .min(Comparator.comparingInt(Node::inFlight))
                .orElseThrow(() -> GatewayException.modelNotFound(model)));
        relay(node, "/api/push", body, model, res);
    }

    /** The node with every blob the body names, else one with {@code from}, else the least busy. */
    private Node createTarget(ObjectNode body) {
        Optional<Node> pinned = pinned(body);
        if (pinned.isPresent()) {
            return pinned.get();
        }
        Set<String> blobs = new LinkedHashSet<>();
        for (String field : List.of("files", "adapters")) {
            body.path(field).forEach(d -> blobs.add(d.asText()));
        }
        if (!blobs.isEmpty()) {
            return leastBusy(holding(routable(), blobs)).orElseThrow(() -> GatewayException.badRequest("No healthy node holds"
                    + " every blob of 'files'/'adapters' (" + String.join(", ", blobs) + "): upload them with POST /api/blobs/:digest"
                    + " to one node (?node=<id>) first", "files"));
        }
        if (body.hasNonNull("from")) {
            String from = body.get("from").asText();
            String model = nodes.aliases().resolve(from).model();
            body.put("from", model);
            return leastBusy(routable().stream().filter(n -> n.hasModel(model)).toList())
                    .orElseThrow(() -> new GatewayException(ErrorKind.MODEL_NOT_FOUND,
                            "No healthy node has the model '" + from + "' to create from", "from", null));
        }
        return leastBusy(routable()).orElseThrow(() -> new GatewayException(ErrorKind.NO_HEALTHY_NODE, "No healthy Ollama node"));
    }

    private void relay(Node node, String path, ObjectNode body, String model, ServerResponse res) throws Exception {
        boolean stream = body.path("stream").asBoolean(true);
        UpstreamCall call = nodes.upstream().openOn(node, path, json.writeValueAsBytes(body));
        try {
            if (stream) {
                NdjsonRelay.relay(json, nodes.upstream(), call, model, res);
            } else {
                byte[] line;
                byte[] last = null;
                while ((line = call.nextLine()) != null) {
                    last = line;
                }
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.header(HeaderNames.create("X-OllamaMax-Node"), node.id());
                res.send(last == null ? "{}".getBytes() : last);
            }
        } finally {
            call.close();
            Thread.ofVirtual().start(() -> nodes.prober().probe(node));
        }
    }

    /** The candidates that answer {@code HEAD /api/blobs/:digest} with 200 for every digest. */
    List<Node> holding(List<Node> candidates, Set<String> digests) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (Node n : candidates) {
                checks.add(pool.submit(() -> {
                    for (String d : digests) {
                        NodeResponse<byte[]> r = nodes.client().sendBytes(n.url(), "HEAD", "/api/blobs/" + d, null, FanOut.CALL_TIMEOUT);
                        if (r.statusCode() != 200) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                try {
                    if (checks.get(i).get()) {
                        out.add(candidates.get(i));
                    }
                } catch (Exception e) {
                    // an unreachable node holds nothing we can use
                }
            }
            return out;
        }
    }

    Optional<Node> pinned(ObjectNode body) {
        JsonNode pinned = body.remove("node");
        return pinned != null && pinned.isTextual() ? Optional.of(node(pinned.asText())) : Optional.empty();
    }

    Node node(String id) {
        return nodes.registry().get(id).orElseThrow(() -> GatewayException.badRequest("There is no node '" + id + "'", "node"));
    }

    List<Node> routable() {
        Instant now = Instant.now();
        return nodes.registry().all().stream().filter(n -> n.routable(now)).toList();
    }

    static Optional<Node> leastBusy(List<Node> nodes) {
        return nodes.stream().min(Comparator.comparingInt(Node::inFlight));
    }

    static String digest(ServerRequest req) {
        String digest = req.path().pathParameters().get("digest");
        if (!digest.matches("sha256[:-][0-9a-f]{64}")) {
            throw GatewayException.badRequest("A blob digest is sha256:<64 hex digits>; got '" + digest + "'", "digest");
        }
        return digest.replace('-', ':');
    }
}
