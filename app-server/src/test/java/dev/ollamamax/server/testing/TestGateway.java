package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real gateway on ephemeral loopback ports in front of the given nodes, auth off unless a test turns
 * it on, with a small HTTP client for the tests.
 */
public final class TestGateway implements AutoCloseable {

    private final Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    public static TestGateway start(Path home, FakeOllama... nodes) {
        return start(home, Map.of(), nodes);
    }

    /** Starts with extra settings on top of the test defaults ({@link #defaults}). */
    public static TestGateway start(Path home, Map<Setting, String> extra, FakeOllama... nodes) {
        Map<Setting, String> settings = defaults(home, nodes);
        settings.putAll(extra);
        Config.Builder builder = Config.builder();
        settings.forEach(builder::set);
        Gateway gateway = Gateway.create(builder.build()).startAll();
        TestGateway tg = new TestGateway(gateway);
        tg.probe();
        return tg;
    }

    /**
     * Test settings: ephemeral ports, auth off, no local Ollama, a slow probe loop (tests probe when they
     * want), the given nodes, and the JVM's shared PostgreSQL and Redis by URL.
     */
    public static Map<Setting, String> defaults(Path home, FakeOllama... nodes) {
        Map<Setting, String> settings = new LinkedHashMap<>();
        settings.put(Setting.PORT, "0");
        settings.put(Setting.WS_PORT, "0");
        settings.put(Setting.FALLBACK_PORT, "0");
        settings.put(Setting.ENABLE_LOCAL_OLLAMA, "false");
        settings.put(Setting.AUTH_ENABLED, "false");
        settings.put(Setting.NODE_PROBE_INTERVAL_MS, "60000");
        settings.put(Setting.OLLAMAMAX_HOME, home.toString());
        settings.put(Setting.OLLAMA_NODES, Arrays.stream(nodes).map(n -> n.url().toString()).collect(Collectors.joining(",")));
        settings.put(Setting.DATABASE_URL, SharedStores.get().jdbcUrl());
        settings.put(Setting.REDIS_URL, SharedStores.get().redisUrl());
        settings.put(Setting.CLUSTER_ID, java.util.UUID.randomUUID().toString()); // tests share Redis, not nodes
        return settings;
    }

    public Gateway gateway() {
        return gateway;
    }

    public NodesFeature nodes() {
        return gateway.feature(NodesFeature.class).orElseThrow();
    }

    /** Probes every node now (the background loop is slowed down in tests). */
    public void probe() {
        nodes().prober().probeAll();
    }

    public int port(Listener listener) {
        return gateway.port(listener).orElseThrow();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port(Listener.PRIMARY) + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Returns as soon as the headers arrive; read the body as it streams. */
    public HttpResponse<InputStream> postStreaming(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> res) {
        return json(res.body());
    }

    public JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        http.close();
    }
}
