package dev.ollamamax.server;

import dev.ollamamax.server.chat.ChatFeature;
import dev.ollamamax.server.docs.DocsFeature;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.ollama.OllamaFeature;
import dev.ollamamax.server.openai.OpenAiFeature;
import dev.ollamamax.server.ops.OpsFeature;
import java.util.ArrayList;
import java.util.List;

/** The standard feature set of a gateway, in routing order (filters such as auth first). */
final class Features {

    private Features() {
    }

    static List<GatewayFeature> standard(GatewayContext context) {
        List<GatewayFeature> features = new ArrayList<>();
        NodesFeature nodes = new NodesFeature(context);
        features.add(new OpsFeature(context, List.of(nodes.readiness())));
        features.add(nodes);
        features.add(new OllamaFeature(context, nodes));
        features.add(new OpenAiFeature(context, nodes));
        features.add(new ChatFeature(context, nodes));
        features.add(new DocsFeature());
        return features;
    }
}
