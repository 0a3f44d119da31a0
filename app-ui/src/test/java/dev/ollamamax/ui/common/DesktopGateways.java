package dev.ollamamax.ui.common;

import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SharedStores;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Configurations for a real embedded gateway on ephemeral loopback ports, and a /health probe. */
public final class DesktopGateways {

    private DesktopGateways() {
    }

    /** Ephemeral ports, data in {@code home}, and the JVM's shared PostgreSQL and Redis (no embedded ones per test). */
    public static Config.Builder ephemeral(Path home) {
        Config.Builder b = Config.builder().set(Setting.PORT, "0").set(Setting.WS_PORT, "0").set(Setting.FALLBACK_PORT, "0")
                .set(Setting.OLLAMAMAX_HOME, home.toString());
        shared().forEach((k, v) -> b.set(Setting.find(k).orElseThrow(), v));
        return b;
    }

    /**
     * The test JVM's shared PostgreSQL and Redis by URL, and no probing of a local Ollama, so desktop tests
     * neither start their own servers nor depend on what runs on the plan's ports.
     */
    public static java.util.Map<String, String> shared() {
        var stores = dev.ollamamax.server.testing.SharedStores.get();
        return java.util.Map.of("DATABASE_URL", stores.jdbcUrl(), "REDIS_URL", stores.redisUrl(), "ENABLE_LOCAL_OLLAMA", "false",
                "CLUSTER_ID", java.util.UUID.randomUUID().toString());
    }

    /**
     * A started {@link GatewayManager} as the desktop owns it, with the test settings of {@link TestGateway}
     * (ephemeral ports, auth off, the JVM's shared PostgreSQL and Redis) in front of the given nodes, probed once.
     */
    public static GatewayManager manager(Path home, Map<Setting, String> extra, FakeOllama... nodes) {
        Map<Setting, String> settings = TestGateway.defaults(home, nodes);
        settings.putAll(extra);
        Config.Builder builder = Config.builder();
        settings.forEach(builder::set);
        GatewayManager manager = new GatewayManager(builder.build(), new ServiceRegistry());
        java.util.List<String> failures = manager.start();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("gateway did not start: " + failures);
        }
        probe(manager);
        await(Duration.ofSeconds(30), () -> { }, () -> manager.feature(AuthFeature.class)
                .flatMap(AuthFeature::localPrincipal).isPresent(), "the gateway's database");
        return manager;
    }

    public static void probe(GatewayManager manager) {
        manager.feature(NodesFeature.class).orElseThrow().prober().probeAll();
    }

    /** The command-line settings for a {@code DesktopFixture} on the shared stores in front of these nodes. */
    public static Map<String, String> desktopNodes(FakeOllama... nodes) {
        return Map.of("DATABASE_URL", SharedStores.get().jdbcUrl(), "REDIS_URL", SharedStores.get().redisUrl(),
                "ENABLE_LOCAL_OLLAMA", "false", "AUTH_ENABLED", "false",
                "OLLAMA_NODES", String.join(",", java.util.Arrays.stream(nodes).map(n -> n.url().toString()).toList()));
    }

    /** Polls until the condition holds, running {@code between} each time (a view-model's pulse); fails after the timeout. */
    public static void await(Duration timeout, Runnable between, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            between.run();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** The status of GET /health on a loopback port, or -1 when nothing answers. */
    public static int health(int port) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
