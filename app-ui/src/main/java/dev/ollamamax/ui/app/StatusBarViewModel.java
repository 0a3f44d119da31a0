package dev.ollamamax.ui.app;

import dev.ollamamax.server.Listener;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.GatewayStatus;
import dev.ollamamax.ui.common.NodeSummary;
import dev.ollamamax.ui.common.UiExecutor;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar: gateway phase and ports, healthy nodes (once the nodes feature supplies a
 * {@link NodeSummary}), and streams in flight. {@link #refresh()} reads everything off the UI thread.
 */
public final class StatusBarViewModel {

    private final GatewayManager gateway;
    private final UiExecutor executor;
    private volatile Optional<Supplier<NodeSummary>> nodes = Optional.empty();
    private final ReadOnlyObjectWrapper<GatewayStatus.Phase> phase =
            new ReadOnlyObjectWrapper<>(GatewayStatus.Phase.STOPPED);
    private final ReadOnlyStringWrapper gatewayText = new ReadOnlyStringWrapper("Gateway stopped");
    private final ReadOnlyStringWrapper gatewayDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nodesText = new ReadOnlyStringWrapper("nodes: –");
    private final ReadOnlyStringWrapper streamsText = new ReadOnlyStringWrapper("streams: 0");

    private record Reading(GatewayStatus status, Optional<NodeSummary> nodes, int streams) {
    }

    public StatusBarViewModel(GatewayManager gateway, UiExecutor executor) {
        this.gateway = gateway;
        this.executor = executor;
    }

    /** The hook for the nodes feature: from now on the status bar shows its healthy/total count. */
    public void setNodeSummary(Supplier<NodeSummary> supplier) {
        this.nodes = Optional.of(supplier);
        refresh();
    }

    /** Shows the gateway as starting at once (before the background start has begun). */
    public void starting() {
        apply(new Reading(new GatewayStatus(GatewayStatus.Phase.STARTING, java.util.Map.of(), ""),
                Optional.empty(), 0));
    }

    public void refresh() {
        executor.submit(this::read, this::apply, e -> gatewayDetail.set("Status unavailable: " + e.getMessage()));
    }

    Reading read() {
        Optional<NodeSummary> summary = nodes.map(Supplier::get);
        return new Reading(gateway.status(), summary, gateway.streamsInFlight());
    }

    void apply(Reading r) {
        GatewayStatus s = r.status();
        phase.set(s.phase());
        String ports = java.util.Arrays.stream(Listener.values()).filter(s.ports()::containsKey)
                .map(l -> ":" + s.ports().get(l)).collect(Collectors.joining(" "));
        gatewayText.set(switch (s.phase()) {
            case STOPPED -> "Gateway stopped";
            case STARTING -> "Starting gateway…";
            case UP -> "Gateway up  " + ports;
            case PARTIAL -> "Gateway partly up  " + ports + "  (" + (Listener.values().length - s.ports().size())
                    + " down)";
            case DOWN -> "Gateway down";
        });
        gatewayDetail.set(s.message());
        r.nodes().ifPresent(n -> nodesText.set("nodes: " + n.healthy() + "/" + n.total() + " healthy"));
        streamsText.set("streams: " + r.streams());
    }

    public ReadOnlyObjectProperty<GatewayStatus.Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gatewayTextProperty() {
        return gatewayText.getReadOnlyProperty();
    }

    /** Why the gateway is not fully up, when it is not. */
    public ReadOnlyStringProperty gatewayDetailProperty() {
        return gatewayDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nodesTextProperty() {
        return nodesText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty streamsTextProperty() {
        return streamsText.getReadOnlyProperty();
    }
}
