package dev.ollamamax.server.nodes;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The nodes this gateway routes to, and the routing rule: only nodes that have the model, the least
 * busy first, a node that has the model loaded preferred over one that would have to load it.
 */
public final class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class.getName());
    /** In-flight requests a node may carry more than another before a model already loaded stops winning. */
    private static final int LOAD_PENALTY = 2;

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Duration coolDown;

    public NodeRegistry(Clock clock, Duration coolDown) {
        this.clock = clock;
        this.coolDown = coolDown;
    }

    /**
     * Normalises a node URL: scheme and port defaulted, no path, no trailing slash. Only {@code http} and
     * {@code https}, and no user name or password in the URL (a node is reached without credentials).
     */
    public static URI normalize(String url) {
        String u = url.strip();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + url + "\" is not an http(s) URL of an Ollama node");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("\"" + url + "\" is not an http(s) URL of an Ollama node");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("A node URL must not contain a user name or password");
        }
        int port = uri.getPort() == -1 ? 11434 : uri.getPort();
        return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port);
    }

    static String idOf(URI url) {
        return url.getHost() + ":" + url.getPort();
    }

    /** Adds a node (or returns the one already registered for that URL). */
    public Node add(URI url, Optional<String> name) {
        URI normalized = normalize(url.toString());
        String id = idOf(normalized);
        Node[] created = new Node[1];
        Node node = nodes.computeIfAbsent(id, k -> created[0] = new Node(k, name.orElse(k), normalized));
        if (created[0] != null) {
            LOG.info(() -> "Node added: " + normalized);
            fire(NodeEvent.Type.ADDED, node);
        }
        return node;
    }

    public Optional<Node> remove(String id) {
        Node node = nodes.remove(id);
        if (node != null) {
            LOG.info(() -> "Node removed: " + node.url());
            fire(NodeEvent.Type.REMOVED, node);
        }
        return Optional.ofNullable(node);
    }

    /** A draining node takes no new requests; the ones it carries finish. */
    public Optional<Node> drain(String id, boolean draining) {
        Optional<Node> node = get(id);
        node.ifPresent(n -> {
            n.draining(draining);
            fire(NodeEvent.Type.UPDATED, n);
        });
        return node;
    }

    public Optional<Node> get(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<Node> all() {
        return nodes.values().stream().sorted(Comparator.comparing(Node::id)).toList();
    }

    public List<NodeSnapshot> snapshots() {
        return all().stream().map(Node::snapshot).toList();
    }

    public boolean anyRoutable() {
        Instant now = clock.instant();
        return nodes.values().stream().anyMatch(n -> n.routable(now));
    }

    /** Routable nodes that have the model, best first. */
    public List<Node> candidates(String model) {
        Instant now = clock.instant();
        return nodes.values().stream()
                .filter(n -> n.routable(now) && n.hasModel(model))
                .sorted(Comparator.<Node>comparingInt(n -> n.inFlight() + (n.hasLoaded(model) ? 0 : LOAD_PENALTY))
                        .thenComparingLong(Node::latencyMs))
                .toList();
    }

    /** Marks a node failed: out of routing until its cool-down ends and a probe succeeds again. */
    public void markFailed(Node node, String error) {
        boolean wasUp = node.status() == NodeStatus.UP;
        Instant now = clock.instant();
        node.failed(error, now, now.plus(coolDown));
        if (wasUp) {
            LOG.warning(() -> "Node " + node.id() + " failed: " + error + "; cooling down for " + coolDown.toSeconds() + " s");
        }
        fire(NodeEvent.Type.UPDATED, node);
    }

    void probeSucceeded(Node node) {
        fire(NodeEvent.Type.UPDATED, node);
    }

    public AutoCloseable subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    Clock clock() {
        return clock;
    }

    private void fire(NodeEvent.Type type, Node node) {
        NodeEvent event = new NodeEvent(type, node.snapshot());
        for (Consumer<NodeEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warning("Node event listener failed: " + e);
            }
        }
    }
}
