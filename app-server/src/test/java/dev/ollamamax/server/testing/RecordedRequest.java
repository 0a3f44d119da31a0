package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the fake received it, before any check (a request refused with 403 is recorded too).
 *
 * @param method  e.g. {@code POST}
 * @param path    the path without the query, e.g. {@code /api/chat}
 * @param query   the raw query string, empty when there is none
 * @param headers every header, looked up case-insensitively ({@code headers().get("host")} works)
 * @param body    the body as UTF-8 text, empty when there is none
 * @param raw     the body's bytes as received (blobs are binary)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, byte[] raw) {

    public RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {
        this(method, path, query, headers, body, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, whatever its case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The Host header the client sent, or empty. */
    public Optional<String> host() {
        return header("Host");
    }

    /** The body parsed as JSON; throws when it is not JSON. */
    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("the recorded body is not JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + body;
    }
}
