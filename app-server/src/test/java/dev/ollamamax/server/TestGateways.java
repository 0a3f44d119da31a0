package dev.ollamamax.server;

import dev.ollamamax.server.store.Database;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Real gateways for tests: the standard features (plus any extra), all listeners on ephemeral ports. */
public final class TestGateways {

    private TestGateways() {
    }

    /** A configuration on ports 0 with its own data folder; add settings with {@code .set(…)}. */
    public static Config.Builder config(Path home) {
        return Config.builder()
                .set(Setting.PORT, "0")
                .set(Setting.WS_PORT, "0")
                .set(Setting.FALLBACK_PORT, "0")
                .set(Setting.POSTGRES_PORT, "0")
                .set(Setting.REDIS_PORT, "0")
                .set(Setting.ENABLE_LOCAL_OLLAMA, "false")
                .set(Setting.CLUSTER_ID, java.util.UUID.randomUUID().toString())
                .set(Setting.OLLAMA_NODES, dev.ollamamax.server.testing.SharedNode.get().url().toString())
                .set(Setting.OLLAMAMAX_HOME, home.toString());
    }

    /** Starts the gateway and probes its nodes once, so readiness and routing see them at once. */
    public static Gateway start(Config config, Function<GatewayContext, List<GatewayFeature>> extra) {
        return start(config, java.time.Clock.systemUTC(), extra);
    }

    /** As {@link #start(Config, Function)}, on the given clock. */
    public static Gateway start(Config config, java.time.Clock clock, Function<GatewayContext, List<GatewayFeature>> extra) {
        Gateway gateway = Gateway.create(config, context -> {
            // extra features first: their routes must win over the APIs' catch-alls (filters run first anyway)
            List<GatewayFeature> features = new ArrayList<>(extra.apply(context));
            features.addAll(Features.standard(context));
            return features;
        }, clock).startAll();
        gateway.feature(dev.ollamamax.server.nodes.NodesFeature.class).ifPresent(n -> n.prober().probeAll());
        return gateway;
    }

    /** Waits until the gateway's database is up and, when {@code cache} is true, its Redis too. */
    public static void awaitStores(Gateway gateway, boolean cache, Duration timeout) throws InterruptedException {
        StoreFeature store = gateway.feature(StoreFeature.class).orElseThrow();
        long end = System.nanoTime() + timeout.toNanos();
        while (store.database().status() != Database.Status.UP || cache && !store.cache().isUp()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("stores not up: " + store.database().message() + " / " + store.cache().message());
            }
            Thread.sleep(50);
        }
    }

    public static String url(Gateway gateway, Listener listener, String path) {
        return "http://127.0.0.1:" + gateway.port(listener).orElseThrow() + path;
    }
}
