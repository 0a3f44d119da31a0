package dev.ollamamax.server.auth;

/** A newly created API key: {@code key} is shown this once and cannot be recovered. */
public record IssuedKey(ApiKeyInfo info, String key) {
}
