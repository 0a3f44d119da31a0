package dev.ollamamax.server.testing;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One-line HTTP calls to a gateway's primary listener, for tests. */
public final class TestHttpCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttpCalls() {
    }

    public static HttpResponse<String> get(Gateway g, String path) {
        return send(g, "GET", path, null);
    }

    public static HttpResponse<String> post(Gateway g, String path, String body) {
        return send(g, "POST", path, body);
    }

    public static HttpResponse<String> delete(Gateway g, String path) {
        return send(g, "DELETE", path, null);
    }

    public static HttpResponse<String> send(Gateway g, String method, String path, String body) {
        URI uri = URI.create("http://127.0.0.1:" + g.port(Listener.PRIMARY).orElseThrow() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
