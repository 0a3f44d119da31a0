package dev.ollamamax.ui.chat;

import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.ui.common.GatewayManager;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The picker's models: every model of every node, with the node the gateway's router would pick for it now. */
public final class ModelChoices {

    private ModelChoices() {
    }

    public static List<ModelChoice> of(GatewayManager gateway) {
        return gateway.feature(NodesFeature.class).map(NodesFeature::registry).map(ModelChoices::of).orElse(List.of());
    }

    static List<ModelChoice> of(NodeRegistry registry) {
        TreeSet<String> names = new TreeSet<>();
        registry.snapshots().forEach(s -> names.addAll(s.models()));
        List<ModelChoice> out = new ArrayList<>();
        for (String name : names) {
            List<Node> candidates = registry.candidates(name);
            out.add(new ModelChoice(name, candidates.isEmpty() ? "no healthy node" : candidates.getFirst().id()));
        }
        return out;
    }
}
