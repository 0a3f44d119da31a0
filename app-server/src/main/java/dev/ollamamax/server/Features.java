package dev.ollamamax.server;

import dev.ollamamax.server.aliases.AliasesFeature;
import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.chat.ChatFeature;
import dev.ollamamax.server.conversations.ConversationsFeature;
import dev.ollamamax.server.docs.DocsFeature;
import dev.ollamamax.server.nodes.NodeSync;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.ollama.OllamaFeature;
import dev.ollamamax.server.openai.OpenAiFeature;
import dev.ollamamax.server.ops.OpsFeature;
import dev.ollamamax.server.ops.ReadinessCheck;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.usage.UsageFeature;
import dev.ollamamax.shared.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard feature set of a gateway. Storage comes first so that it is closed last (features are
 * closed in reverse order). Ops comes before auth so that its request-metrics filter also times the
 * requests auth refuses; filters run before every route whatever their place in the list.
 */
final class Features {

    private Features() {
    }

    static List<GatewayFeature> standard(GatewayContext context) {
        StoreFeature store = new StoreFeature(context);
        AuthFeature auth = new AuthFeature(context, store);
        NodesFeature nodes = new NodesFeature(context,
                Optional.of(new NodeSync(store.eventBus(), store.cache(), context.json(),
                        context.config().get(Setting.CLUSTER_ID))));
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(nodes.readiness());
        checks.addAll(store.readinessChecks());
        List<GatewayFeature> features = new ArrayList<>();
        features.add(store);
        features.add(new OpsFeature(context, checks));
        features.add(auth);
        UsageFeature usage = new UsageFeature(context, store);
        features.add(usage);
        auth.meterTokensWith(usage.log()::tokensLastMinute);
        ConversationsFeature conversations = new ConversationsFeature(context, store);
        features.add(conversations);
        features.add(nodes);
        features.add(new AliasesFeature(context, store, nodes.aliases()));
        AnswerCache answers = new AnswerCache(store.responseCache(), context.json(), context.meters());
        features.add(new OllamaFeature(context, nodes, answers));
        features.add(new OpenAiFeature(context, nodes, answers));
        features.add(new ChatFeature(context, nodes, ChatWiring.auth(auth),
                ChatWiring.conversations(conversations.store(), auth), ChatWiring.usage(usage.log(), auth)));
        features.add(new DocsFeature());
        return features;
    }
}
