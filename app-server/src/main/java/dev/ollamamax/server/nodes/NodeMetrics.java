package dev.ollamamax.server.nodes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registers {@code ollamamax.node.up} and {@code ollamamax.node.in_flight} per node, and removes them with the node. */
final class NodeMetrics {

    private final MeterRegistry meters;
    private final Map<String, List<Meter>> perNode = new ConcurrentHashMap<>();

    NodeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void onEvent(NodeRegistry registry, NodeEvent event) {
        String id = event.node().id();
        switch (event.type()) {
            case ADDED -> registry.get(id).ifPresent(node -> perNode.computeIfAbsent(id, k -> List.of(
                    Gauge.builder("ollamamax.node.up", node, n -> n.status() == NodeStatus.UP ? 1 : 0)
                            .description("Whether the node answers its health probe (1 up, 0 down)")
                            .tag("node", id).register(meters),
                    Gauge.builder("ollamamax.node.in_flight", node, Node::inFlight)
                            .description("Requests the gateway has open on the node")
                            .tag("node", id).register(meters))));
            case REMOVED -> {
                List<Meter> gone = perNode.remove(id);
                if (gone != null) {
                    gone.forEach(meters::remove);
                }
            }
            case UPDATED -> {
                // gauges read the node live
            }
        }
    }
}
