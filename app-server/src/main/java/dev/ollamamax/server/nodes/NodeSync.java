package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.store.Cache;
import dev.ollamamax.server.store.EventBus;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Shares the nodes added, removed and drained through the cluster API between gateway instances on one
 * Redis: a change is published on the event bus (applied at once by every instance) and kept in a Redis
 * hash, which an instance that starts later (or reconnects) reads to catch up. Nodes from each
 * instance's own configuration stay its own.
 */
public final class NodeSync implements AutoCloseable {

    private final String topic;
    private final String hash;
    private static final Logger LOG = Logger.getLogger(NodeSync.class.getName());

    private final EventBus bus;
    private final Cache cache;
    private final ObjectMapper json;
    private final Set<String> shared = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reconcile = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("node-sync").factory());
    private NodeRegistry registry;
    private NodeProber prober;
    private AutoCloseable subscription;

    /** Instances with the same {@code clusterId} on one Redis share their API-added nodes. */
    public NodeSync(EventBus bus, Cache cache, ObjectMapper json, String clusterId) {
        this.topic = "nodes:" + clusterId;
        this.hash = "ollamamax:nodes:" + clusterId;
        this.bus = bus;
        this.cache = cache;
        this.json = json;
    }

    void start(NodeRegistry registry, NodeProber prober) {
        this.registry = registry;
        this.prober = prober;
        this.subscription = bus.subscribe(topic, this::apply);
        reconcile.scheduleWithFixedDelay(this::catchUp, 0, 2, TimeUnit.SECONDS);
    }

    /** A node was added through the API here: tell the others and remember it. */
    void added(Node node) {
        shared.add(node.id());
        Map<String, Object> state = state(node);
        write(node.id(), state);
        publish("add", state);
    }

    void removed(Node node) {
        shared.remove(node.id());
        cache.call(j -> j.hdel(hash, node.id()));
        publish("remove", state(node));
    }

    void drained(Node node) {
        Map<String, Object> state = state(node);
        if (shared.contains(node.id())) {
            write(node.id(), state);
        }
        publish("drain", state);
    }

    private static Map<String, Object> state(Node node) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("url", node.url().toString());
        state.put("name", node.name());
        state.put("draining", node.draining());
        return state;
    }

    private void write(String id, Map<String, Object> state) {
        try {
            String value = json.writeValueAsString(state);
            cache.call(j -> j.hset(hash, id, value));
        } catch (IOException e) {
            LOG.warning("Could not share node " + id + ": " + e.getMessage());
        }
    }

    private void publish(String op, Map<String, Object> state) {
        Map<String, Object> event = new LinkedHashMap<>(state);
        event.put("op", op);
        try {
            bus.publish(topic, json.writeValueAsString(event));
        } catch (IOException e) {
            LOG.warning("Could not publish a node change: " + e.getMessage());
        }
    }

    /** An event from any instance (this one included: applying it again changes nothing). */
    private void apply(String text) {
        try {
            JsonNode event = json.readTree(text);
            URI url = NodeRegistry.normalize(event.path("url").asText());
            String id = NodeRegistry.idOf(url);
            switch (event.path("op").asText()) {
                case "add" -> ensure(id, url, event);
                case "remove" -> {
                    if (shared.remove(id)) {
                        registry.remove(id);
                    }
                }
                case "drain" -> registry.get(id).filter(n -> n.draining() != event.path("draining").asBoolean())
                        .ifPresent(n -> registry.drain(id, event.path("draining").asBoolean()));
                default -> LOG.fine(() -> "unknown node event " + text);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("Ignored a malformed node event: " + e.getMessage());
        }
    }

    private void ensure(String id, URI url, JsonNode state) {
        shared.add(id);
        if (registry.get(id).isEmpty()) {
            Node node = registry.add(url, Optional.ofNullable(state.path("name").asText(null)));
            Thread.ofVirtual().start(() -> prober.probe(node));
        }
        if (state.path("draining").asBoolean(false)) {
            registry.get(id).filter(n -> !n.draining()).ifPresent(n -> registry.drain(id, true));
        }
    }

    /** Reads the shared set: adds what another instance added while this one was away, drops what it removed. */
    private void catchUp() {
        if (!cache.isUp()) {
            return;
        }
        Optional<Map<String, String>> all = cache.call(j -> j.hgetAll(hash));
        if (all.isEmpty()) {
            return;
        }
        Map<String, String> current = all.get();
        for (Map.Entry<String, String> e : current.entrySet()) {
            try {
                JsonNode state = json.readTree(e.getValue());
                ensure(e.getKey(), NodeRegistry.normalize(state.path("url").asText()), state);
            } catch (IOException | RuntimeException ex) {
                LOG.fine(() -> "bad shared node " + e.getKey());
            }
        }
        for (String id : Set.copyOf(shared)) {
            if (!current.containsKey(id)) {
                shared.remove(id);
                registry.remove(id);
            }
        }
    }

    @Override
    public void close() throws Exception {
        reconcile.shutdownNow();
        if (subscription != null) {
            subscription.close();
        }
    }
}
