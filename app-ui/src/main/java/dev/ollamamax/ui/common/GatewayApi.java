package dev.ollamamax.ui.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.shared.runtime.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The embedded gateway's HTTP API as the desktop calls it: the primary listener, with the in-process access
 * token while auth is on. Blocking; call off the UI thread. A refused request throws {@link ApiException}
 * with the gateway's own message.
 */
public final class GatewayApi implements AutoCloseable {

    private final GatewayManager gateway;
    private final ObjectMapper json = new ObjectMapper();
    private final Lazy<HttpClient> http = Lazy.of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());

    /** A request the gateway refused or could not serve; the message is for people. */
    public static final class ApiException extends IOException {
        private final int status;

        public ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public GatewayApi(GatewayManager gateway) {
        this.gateway = gateway;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Sends a JSON request and returns the parsed answer (an empty object for an empty body). */
    public JsonNode call(String method, String path, Object body, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = http.get().send(request(method, path, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() >= 400) {
            throw new ApiException(res.statusCode(), errorMessage(res.statusCode(), res.body()));
        }
        return res.body().length == 0 ? json.createObjectNode() : json.readTree(res.body());
    }

    /** Sends a request whose answer streams (NDJSON); the caller reads and closes the body. Closing it cancels. */
    public InputStream stream(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<InputStream> res = http.get().send(request(method, path, body, Duration.ofHours(12)),
                HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() >= 400) {
            byte[] bytes;
            try (InputStream in = res.body()) {
                bytes = in.readAllBytes();
            }
            throw new ApiException(res.statusCode(), errorMessage(res.statusCode(), bytes));
        }
        return res.body();
    }

    private HttpRequest request(String method, String path, Object body, Duration timeout) throws IOException {
        URI base = gateway.apiBase().orElseThrow(() -> new ApiException(503,
                "The API gateway listener is not running: start it on the Services screen"));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "application/json, application/x-ndjson");
        if (gateway.authEnabled()) {
            String token = gateway.localToken().orElseThrow(() -> new ApiException(503,
                    "The database is not up yet, so the desktop cannot sign its requests; try again in a moment"));
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        return b.build();
    }

    /** The gateway's error text: OpenAI style {@code {"error":{"message"}}}, Ollama style {@code {"error":"…"}}, or the body. */
    String errorMessage(int status, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && error.isObject() && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text;
    }

    @Override
    public void close() {
        http.ifMade().ifPresent(HttpClient::close);
    }
}
