package dev.ollamamax.server.chat;

import dev.ollamamax.server.nodes.NodeEvent;
import dev.ollamamax.server.nodes.NodeSnapshot;
import dev.ollamamax.shared.protocol.NodeInfo;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.util.Locale;

/** Nodes as the chat protocol shows them. */
final class NodeViews {

    private NodeViews() {
    }

    static NodeInfo info(NodeSnapshot s) {
        String status = s.draining() ? "draining" : s.status().name().toLowerCase(Locale.ROOT);
        return new NodeInfo(s.id(), s.name(), s.url().toString(), status, s.models(), s.inFlight(),
                s.latencyMs() < 0 ? null : s.latencyMs());
    }

    static ServerFrame frame(NodeEvent event) {
        NodeInfo node = info(event.node());
        return switch (event.type()) {
            case ADDED -> new ServerFrame.NodeAdded(node);
            case REMOVED -> new ServerFrame.NodeRemoved(node);
            case UPDATED -> new ServerFrame.NodeUpdate(node);
        };
    }
}
