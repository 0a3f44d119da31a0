package dev.ollamamax.ui.common;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Configurations for a real embedded gateway on ephemeral loopback ports, and a /health probe. */
public final class TestGateways {

    private TestGateways() {
    }

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
