package dev.ollamamax.server.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * HTTP/1.1 to Ollama nodes. The Host header is the node URL's own host, so a loopback node gets a
 * loopback Host (Ollama answers 403 to a non-local Host).
 */
public final class NodeClient implements AutoCloseable {

    private final HttpClient http;
    private final Duration connectTimeout;

    public NodeClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public HttpResponse<InputStream> send(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(node.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, application/x-ndjson");
        if (body == null) {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            req.header("Content-Type", "application/json");
            req.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<byte[]> sendBytes(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> res = send(node, method, path, body, timeout);
        try (InputStream in = res.body()) {
            byte[] bytes = in.readAllBytes();
            return new BytesResponse(res, bytes);
        }
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    private record BytesResponse(HttpResponse<InputStream> delegate, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return delegate.statusCode();
        }

        @Override
        public HttpRequest request() {
            return delegate.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return delegate.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return delegate.sslSession();
        }

        @Override
        public URI uri() {
            return delegate.uri();
        }

        @Override
        public HttpClient.Version version() {
            return delegate.version();
        }
    }
}
