package dev.ollamamax.server;

import dev.ollamamax.server.ops.OpsFeature;
import java.util.ArrayList;
import java.util.List;

/** The standard feature set of a gateway, in routing order (filters such as auth first). */
final class Features {

    private Features() {
    }

    static List<GatewayFeature> standard(GatewayContext context) {
        List<GatewayFeature> features = new ArrayList<>();
        features.add(new OpsFeature(context, List.of()));
        return features;
    }
}
