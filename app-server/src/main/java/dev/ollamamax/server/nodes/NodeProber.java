package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    public NodeProber(NodeRegistry registry, NodeClient client, ObjectMapper json) {
        this.registry = registry;
        this.client = client;
        this.json = json;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("node-prober").factory());
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::probeAllQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Probes every node now and waits for the results. */
    public void probeAll() {
        List<Future<?>> running = new ArrayList<>();
        for (Node node : registry.all()) {
            running.add(probes.submit(() -> probe(node)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (Exception e) {
                LOG.fine(() -> "probe failed: " + e);
            }
        }
    }

    private void probeAllQuietly() {
        try {
            probeAll();
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
            throw new IllegalStateException("GET " + path + " answered HTTP " + res.statusCode());
        }
        return json.readTree(res.body());
    }

    static String describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        probes.shutdownNow();
    }
}
