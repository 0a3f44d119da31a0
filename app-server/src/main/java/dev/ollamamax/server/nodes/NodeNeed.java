package dev.ollamamax.server.nodes;

import dev.ollamamax.server.errors.GatewayException;
import java.util.List;

/**
 * What a request needs of the node that serves it, beyond having the model: a minimum Ollama version for a
 * feature older nodes would silently ignore (e.g. {@code logprobs}, Ollama 0.12.11). Nodes that fall short
 * are skipped; when none is left the client gets a 400 naming the parameter and the nodes' versions.
 *
 * @param param      the request field that needs it (named in the refusal)
 * @param minVersion the lowest Ollama version that honours it; empty for no need
 */
public record NodeNeed(String param, String minVersion) {

    /** Any node that has the model will do. */
    public static final NodeNeed NONE = new NodeNeed("", "");

    public boolean none() {
        return minVersion.isEmpty();
    }

    public boolean satisfiedBy(Node node) {
        return none() || OllamaVersion.atLeast(node.version(), minVersion);
    }

    GatewayException refusal(String model, List<Node> fallingShort) {
        String versions = String.join(", ", fallingShort.stream()
                .map(n -> n.id() + " runs Ollama " + n.version().orElse("of unknown version")).toList());
        return GatewayException.badRequest("'" + param + "' needs Ollama " + minVersion + " or newer on the node; the nodes"
                + " that serve '" + model + "' cannot honour it (" + versions + ")", param);
    }
}
