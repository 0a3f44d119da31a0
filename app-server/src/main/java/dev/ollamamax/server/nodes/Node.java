package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Ollama node and what the gateway knows of it. Written by the probe loop and by requests
 * (in-flight count, failures); read by the router. Fields are volatile snapshots, replaced whole.
 */
public final class Node {

    private final String id;
    private final String name;
    private final URI url;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile NodeStatus status = NodeStatus.UNKNOWN;
    private volatile boolean draining;
    private volatile List<JsonNode> models = List.of();
    private volatile List<String> loaded = List.of();
    private volatile long latencyMs = -1;
    private volatile String version;
    private volatile String lastError;
    private volatile Instant lastCheck;
    private volatile Instant coolDownUntil = Instant.EPOCH;

    Node(String id, String name, URI url) {
        this.id = id;
        this.name = name;
        this.url = url;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    public NodeStatus status() {
        return status;
    }

    public boolean draining() {
        return draining;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The raw {@code /api/tags} entries of this node, as Ollama sent them. */
    public List<JsonNode> models() {
        return models;
    }

    public List<String> loaded() {
        return loaded;
    }

    public boolean hasModel(String model) {
        return models.stream().anyMatch(m -> ModelNames.same(m.path("name").asText(m.path("model").asText()), model));
    }

    public boolean hasLoaded(String model) {
        return loaded.stream().anyMatch(m -> ModelNames.same(m, model));
    }

    /** What the node's {@code /api/version} said at the last probe. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    public long latencyMs() {
        return latencyMs;
    }

    /** Usable for new requests: up, not draining, not cooling down. */
    public boolean routable(Instant now) {
        return status == NodeStatus.UP && !draining && !now.isBefore(coolDownUntil);
    }

    void draining(boolean draining) {
        this.draining = draining;
    }

    void probed(List<JsonNode> models, List<String> loaded, long latencyMs, String version, Instant at) {
        this.models = List.copyOf(models);
        this.loaded = List.copyOf(loaded);
        this.latencyMs = latencyMs;
        this.version = version;
        this.lastCheck = at;
        this.lastError = null;
        this.status = NodeStatus.UP;
    }

    void failed(String error, Instant at, Instant coolDownUntil) {
        this.lastError = error;
        this.lastCheck = at;
        this.status = NodeStatus.DOWN;
        this.coolDownUntil = coolDownUntil;
    }

    Instant coolDownUntil() {
        return coolDownUntil;
    }

    int acquire() {
        return inFlight.incrementAndGet();
    }

    int release() {
        return inFlight.decrementAndGet();
    }

    public NodeSnapshot snapshot() {
        return new NodeSnapshot(id, name, url, status, draining,
                models.stream().map(m -> m.path("name").asText()).toList(), loaded, inFlight.get(), latencyMs,
                Optional.ofNullable(version), Optional.ofNullable(lastError), Optional.ofNullable(lastCheck));
    }
}
