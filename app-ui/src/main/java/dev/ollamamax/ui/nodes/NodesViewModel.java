package dev.ollamamax.ui.nodes;

import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.NodeSnapshot;
import dev.ollamamax.server.nodes.NodeStatus;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.NodeSummary;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.supervision.OllamaServeService;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Nodes screen: one {@link NodeRow} per node of the gateway's registry, kept live from
 * {@link NodeRegistry#subscribe} (a burst of events becomes one refresh on the UI thread) and from
 * {@link #refresh()} (in-flight counts change without events). Commands: add (tested by the gateway first),
 * remove, drain, start a local {@code ollama serve}, adopt a running Ollama.
 */
public final class NodesViewModel implements AutoCloseable {

    private final GatewayManager gateway;
    private final GatewayApi api;
    private final LocalNodes local;
    private final UiExecutor executor;
    private final ObservableList<NodeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<NodeRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper missingBinary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper startingLocal = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canManageNodes = new ReadOnlyBooleanWrapper(true);
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final List<Runnable> afterApply = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AutoCloseable subscription = () -> { };
    private final AutoCloseable gatewayListener;

    public NodesViewModel(GatewayManager gateway, GatewayApi api, LocalNodes local, UiExecutor executor) {
        this.gateway = gateway;
        this.api = api;
        this.local = local;
        this.executor = executor;
        this.gatewayListener = gateway.onChange(() -> {
            local.reattach();
            attach();
        });
        attach();
    }

    /** Follows the current gateway's node registry (again after a gateway restart). */
    synchronized void attach() {
        closeQuietly(subscription);
        subscription = registry().map(r -> r.subscribe(e -> queueRefresh())).orElse(() -> { });
        queueRefresh();
    }

    private Optional<NodeRegistry> registry() {
        return gateway.feature(NodesFeature.class).map(NodesFeature::registry);
    }

    /** Many events, one refresh: only one is waiting for the UI thread at a time. */
    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            executor.onUi(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    public ObservableList<NodeRow> rows() {
        return readOnlyRows;
    }

    /** The outcome of the last command that failed, in words; empty when all went well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Set when "Start a local node" found no {@code ollama} program: where it looked. */
    public ReadOnlyStringProperty missingBinaryProperty() {
        return missingBinary.getReadOnlyProperty();
    }

    /** Whether the signed-in role may add, remove, drain and start nodes (admin); the view disables them otherwise. */
    public ReadOnlyBooleanProperty canManageNodesProperty() {
        return canManageNodes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startingLocalProperty() {
        return startingLocal.getReadOnlyProperty();
    }

    /** Runs after every applied refresh, on the UI thread (the models pane follows its node). */
    public void afterRefresh(Runnable action) {
        afterApply.add(action);
    }

    public void refresh() {
        executor.submit(() -> {
            boolean may = gateway.canManage();
            executor.onUi(() -> canManageNodes.set(may));
            return snapshot();
        }, this::apply, e -> message.set("Could not read the nodes: " + e.getMessage()));
    }

    List<NodeSnapshot> snapshot() {
        return registry().map(NodeRegistry::snapshots).orElse(List.of());
    }

    /** Updates rows in place, adds new ones, drops vanished ones; keeps the registry's order. */
    void apply(List<NodeSnapshot> snapshots) {
        Map<String, NodeRow> existing = new HashMap<>();
        rows.forEach(r -> existing.put(r.id(), r));
        Set<String> ids = snapshots.stream().map(NodeSnapshot::id).collect(Collectors.toSet());
        rows.removeIf(r -> !ids.contains(r.id()));
        for (int i = 0; i < snapshots.size(); i++) {
            NodeSnapshot s = snapshots.get(i);
            NodeRow row = existing.get(s.id());
            if (row == null) {
                row = new NodeRow(s.id());
                row.update(s);
                rows.add(Math.min(i, rows.size()), row);
            } else {
                row.update(s);
            }
        }
        afterApply.forEach(Runnable::run);
    }

    /** Healthy and total nodes now, for the status bar; safe from any thread. */
    public NodeSummary summary() {
        List<NodeSnapshot> all = snapshot();
        int healthy = (int) all.stream().filter(s -> s.status() == NodeStatus.UP && !s.draining()).count();
        return new NodeSummary(healthy, all.size());
    }

    /**
     * Adds a node through the gateway, which tests it first; {@code done} gets empty on success or the reason
     * it was refused (on the UI thread).
     */
    public void add(String url, String name, Consumer<Optional<String>> done) {
        if (url == null || url.isBlank()) {
            done.accept(Optional.of("Enter the node's URL, for example http://127.0.0.1:11434"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url.strip());
        if (name != null && !name.isBlank()) {
            body.put("name", name.strip());
        }
        executor.submit(() -> api.call("POST", "/api/v1/nodes", body, Duration.ofSeconds(20)), added -> {
            refresh();
            done.accept(Optional.empty());
        }, e -> done.accept(Optional.of(e.getMessage())));
    }

    /** "Adopt as node" from the Ports screen: a running Ollama's URL goes straight into the registry. */
    public void adopt(String url) {
        executor.submit(() -> {
            NodeRegistry r = registry().orElseThrow(() -> new IllegalStateException("the gateway is not running"));
            r.add(URI.create(url), Optional.of("adopted " + URI.create(url).getPort()));
            gateway.feature(NodesFeature.class).ifPresent(n -> n.prober().probeAll());
            return true;
        }, ok -> refresh(), e -> message.set("Could not adopt " + url + ": " + e.getMessage()));
    }

    public void remove(NodeRow row) {
        command(row, "remove", r -> r.remove(row.id()));
    }

    /** Drains (no new requests; running ones finish) or takes the node back into routing. */
    public void setDraining(NodeRow row, boolean draining) {
        command(row, draining ? "drain" : "undrain", r -> r.drain(row.id(), draining));
    }

    private void command(NodeRow row, String verb, Consumer<NodeRegistry> action) {
        row.setBusy(true);
        message.set("");
        executor.submit(() -> {
            action.accept(registry().orElseThrow(() -> new IllegalStateException("the gateway is not running")));
            return true;
        }, ok -> {
            row.setBusy(false);
            refresh();
        }, e -> {
            row.setBusy(false);
            message.set("Could not " + verb + " " + row.name() + ": " + e.getMessage());
        });
    }

    /** Whether an {@code ollama} program was found (looked up again each time). */
    public boolean ollamaInstalled() {
        return local.binary().isPresent();
    }

    /**
     * Starts {@code ollama serve} on a free port and adds it as a node; when no binary is found, says so in
     * {@link #missingBinaryProperty()} instead.
     */
    public void startLocalNode() {
        if (local.binary().isEmpty()) {
            missingBinary.set("Ollama is not installed here (" + local.whereLooked()
                    + "). Install it, or choose the program in Settings (OLLAMA_BINARY).");
            return;
        }
        missingBinary.set("");
        message.set("");
        startingLocal.set(true);
        executor.submit(local::start, (OllamaServeService s) -> {
            startingLocal.set(false);
            refresh();
        }, e -> {
            startingLocal.set(false);
            message.set("Could not start a local node: " + e.getMessage());
        });
    }

    public void dismissMissingBinary() {
        missingBinary.set("");
    }

    @Override
    public void close() {
        closeQuietly(gatewayListener);
        closeQuietly(subscription);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to release
        }
    }
}
