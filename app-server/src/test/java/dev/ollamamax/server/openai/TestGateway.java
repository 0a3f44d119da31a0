package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real gateway on ephemeral ports in front of fake Ollama nodes, with a small HTTP client for /v1. */
final class TestGateway implements AutoCloseable {

    final ObjectMapper json = new ObjectMapper();
    final Gateway gateway;
    final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
        this.base = URI.create("http://127.0.0.1:" + gateway.port(Listener.PRIMARY).orElseThrow());
    }

    static TestGateway start(Path home, FakeOllama... nodes) {
        return start(home, Map.of(), nodes);
    }

    static TestGateway start(Path home, Map<Setting, String> extra, FakeOllama... nodes) {
        Config.Builder config = Config.builder();
        dev.ollamamax.server.testing.TestGateway.defaults(home, nodes).forEach(config::set);
        extra.forEach(config::set);
        TestGateway g = new TestGateway(Gateway.create(config.build()).startAll());
        g.probe();
        return g;
    }

    /** Probes every node now, so routing sees their models. */
    void probe() {
        gateway.feature(NodesFeature.class).orElseThrow().prober().probeAll();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Returns as soon as the response headers arrive; read the body with {@link #events}. */
    HttpResponse<InputStream> postStreaming(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode json(HttpResponse<String> res) {
        return json(res.body());
    }

    /** Reads an SSE body event by event. */
    static Events events(HttpResponse<InputStream> res) {
        return new Events(new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8)));
    }

    /** The {@code data:} payloads of an SSE stream, one per event. */
    static final class Events implements AutoCloseable {
        private final BufferedReader reader;

        Events(BufferedReader reader) {
            this.reader = reader;
        }

        /** The next event's data, or empty at the end of the stream. */
        Optional<String> next() throws IOException {
            String data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return Optional.of(data);
                    }
                } else if (line.startsWith("data: ")) {
                    data = data == null ? line.substring(6) : data + "\n" + line.substring(6);
                }
            }
            return Optional.ofNullable(data);
        }

        List<String> rest() throws IOException {
            List<String> all = new ArrayList<>();
            for (Optional<String> e = next(); e.isPresent(); e = next()) {
                all.add(e.get());
            }
            return all;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
    }

    @Override
    public void close() {
        gateway.close();
        http.close();
    }
}
