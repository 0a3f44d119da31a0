package dev.ollamamax.server;

import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.conversations.ConversationsFeature;
import dev.ollamamax.server.ops.OpsFeature;
import dev.ollamamax.server.ops.ReadinessCheck;
import dev.ollamamax.server.store.StoreFeature;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard feature set of a gateway. Storage comes first so that it is closed last (features are
 * closed in reverse order); auth's filter runs before every route whatever its place in the list.
 */
final class Features {

    private Features() {
    }

    static List<GatewayFeature> standard(GatewayContext context) {
        StoreFeature store = new StoreFeature(context);
        AuthFeature auth = new AuthFeature(context, store);
        List<ReadinessCheck> checks = new ArrayList<>(store.readinessChecks());
        List<GatewayFeature> features = new ArrayList<>();
        features.add(store);
        features.add(auth);
        features.add(new ConversationsFeature(context, store));
        features.add(new OpsFeature(context, checks));
        return features;
    }
}
