package dev.ollamamax.server.http;

import dev.ollamamax.server.nodes.ModelAliases;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code X-OllamaMax-Model}: the model that actually served a generation (an alias's fallback shows here),
 * and {@code X-OllamaMax-Alias} when the request named an alias.
 */
public final class ModelHeader {

    public static final HeaderName MODEL = HeaderNames.create("X-OllamaMax-Model");
    public static final HeaderName ALIAS = HeaderNames.create("X-OllamaMax-Alias");

    private ModelHeader() {
    }

    public static void set(ServerResponse res, ModelAliases.Resolution resolution) {
        res.header(MODEL, resolution.model());
        resolution.alias().ifPresent(a -> res.header(ALIAS, a));
    }
}
