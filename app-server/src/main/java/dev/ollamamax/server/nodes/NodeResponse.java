package dev.ollamamax.server.nodes;

import java.util.Map;
import java.util.Optional;

/** A node's answer: status, headers (names in lower case) and the body. */
public record NodeResponse<T>(int statusCode, Map<String, String> headers, T body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
