package dev.ollamamax.server.auth;

import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.helidon.webserver.http.ServerRequest;

/**
 * The check the inference routes call once they know the requested model: an API key limited to other
 * models gets a 403 (in the caller's protocol, through {@link GatewayException}) that names the model.
 */
public final class ModelAccess {

    private ModelAccess() {
    }

    /** Throws a 403 {@link GatewayException} when the request's key may not use the model. */
    public static void require(ServerRequest req, String model) {
        Principal.of(req).flatMap(p -> p.modelRefusal(model)).ifPresent(message -> {
            throw new GatewayException(ErrorKind.FORBIDDEN, message, "model", null);
        });
    }
}
