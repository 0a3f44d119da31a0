package dev.ollamamax.server.ollama;

import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeClient;
import dev.ollamamax.server.nodes.NodeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** One request sent to several nodes at once (a virtual thread each); the answers come back in the nodes' order. */
final class FanOut {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private FanOut() {
    }

    /** Each node's answer, {@code null} for a node that did not answer (refused, timed out, broke off). */
    static List<NodeResponse<byte[]>> send(NodeClient client, List<Node> targets, String method, String path, byte[] body) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<NodeResponse<byte[]>>> futures = new ArrayList<>();
            for (Node n : targets) {
                futures.add(pool.submit(() -> client.sendBytes(n.url(), method, path, body, CALL_TIMEOUT)));
            }
            List<NodeResponse<byte[]>> out = new ArrayList<>();
            for (Future<NodeResponse<byte[]>> f : futures) {
                try {
                    out.add(f.get());
                } catch (Exception e) {
                    out.add(null);
                }
            }
            return out;
        }
    }
}
