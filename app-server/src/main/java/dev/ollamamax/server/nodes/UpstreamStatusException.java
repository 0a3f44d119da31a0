package dev.ollamamax.server.nodes;

import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;

/** A node refused the request for a reason that is the client's (a 4xx other than 404): passed on as is. */
public final class UpstreamStatusException extends GatewayException {

    private final int status;

    public UpstreamStatusException(int status, String message) {
        super(status == 400 ? ErrorKind.BAD_REQUEST : ErrorKind.UPSTREAM_ERROR, message);
        this.status = status;
    }

    /** The node's HTTP status. */
    public int status() {
        return status;
    }
}
