package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps each node's health, models, loaded models and version: {@code /api/tags}, {@code /api/ps}
 * and {@code /api/version} every interval, all nodes in parallel. A node that fails is marked down
 * and comes back on the first successful probe after its cool-down.
 */
public final class NodeProber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeProber.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final NodeRegistry registry;
    private final NodeClient client;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> probing = ConcurrentHashMap.newKeySet();

    public NodeProber(NodeRegistry registry, NodeClient client, ObjectMapper json) {
        this.registry = registry;
        this.client = client;
        this.json = json;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("node-prober").factory());
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::probeEachQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Probes every node now, in parallel, and waits for the results (each probe ends within its own
     * timeouts; the wait is bounded anyway).
     */
    public void probeAll() {
        List<Future<?>> running = new ArrayList<>();
        for (Node node : registry.all()) {
            running.add(probes.submit(() -> probe(node)));
        }
        long deadline = System.nanoTime() + PROBE_TIMEOUT.multipliedBy(4).toNanos();
        for (Future<?> f : running) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.fine(() -> "probe failed: " + e);
            }
        }
    }

    /**
     * The background loop: starts a probe of every node that is not still being probed, and does not wait.
     * A node that stalls holds up only its own next probe.
     */
    private void probeEachQuietly() {
        try {
            for (Node node : registry.all()) {
                if (probing.add(node.id())) {
                    probes.submit(() -> {
                        try {
                            probe(node);
                        } finally {
                            probing.remove(node.id());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.warning("Node probe loop: " + e);
        }
    }

    /** Probes one node; true when it answered like an Ollama server. */
    public boolean probe(Node node) {
        Instant now = registry.clock().instant();
        try {
            long start = System.nanoTime();
            JsonNode tags = get(node.url(), "/api/tags");
            long latencyMs = (System.nanoTime() - start) / 1_000_000;
            JsonNode ps = get(node.url(), "/api/ps");
            JsonNode version = get(node.url(), "/api/version");
            List<JsonNode> models = new ArrayList<>();
            tags.path("models").forEach(models::add);
            List<String> loaded = new ArrayList<>();
            ps.path("models").forEach(m -> loaded.add(m.path("name").asText(m.path("model").asText())));
            boolean wasUp = node.status() == NodeStatus.UP;
            if (!wasUp && now.isBefore(node.coolDownUntil())) {
                return true; // answers again, but stays out until its cool-down ends
            }
            node.probed(models, loaded, latencyMs, version.path("version").asText(null), now);
            registry.probeSucceeded(node);
            if (!wasUp) {
                LOG.info(() -> "Node " + node.id() + " is up (" + models.size() + " models)");
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            registry.markFailed(node, describe(e));
            return false;
        }
    }

    private JsonNode get(URI url, String path) throws Exception {
        NodeResponse<byte[]> res = client.sendBytes(url, "GET", path, null, PROBE_TIMEOUT);
        if (res.statusCode() != 200) {
            throw new NodeReplyException("GET " + path + " answered HTTP " + res.statusCode());
        }
        try {
            JsonNode body = json.readTree(res.body());
            if (body == null || !body.isObject()) {
                throw NodeReplyException.notOllama();
            }
            return body;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw NodeReplyException.notOllama();
        }
    }

    /**
     * A failure in the gateway's own words, for logs, the node list and clients: never text the node
     * (or whatever listens on its port) sent.
     */
    static String describe(Exception e) {
        Throwable t = e instanceof NotSentException n ? n.failure() : e;
        return switch (t) {
            case NodeReplyException r -> r.getMessage();
            case java.net.ConnectException c -> "connection refused";
            case java.net.SocketTimeoutException s -> "timed out";
            case java.net.NoRouteToHostException r -> "no route to host";
            case java.net.UnknownHostException u -> "unknown host";
            case javax.net.ssl.SSLException s -> "the TLS handshake with the node failed";
            case java.net.SocketException s -> "the connection to the node failed";
            case java.io.IOException i -> "the connection to the node failed";
            default -> "the probe failed (" + t.getClass().getSimpleName() + ")";
        };
    }

    NodeClient client() {
        return client;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        probes.shutdownNow();
    }
}
