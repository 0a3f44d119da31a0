package dev.ollamamax.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * The request-body limits: the listeners accept bodies up to {@code MAX_BLOB_BYTES} so that a model blob
 * can be streamed through, and this filter holds every other request to {@code MAX_BODY_BYTES}: a declared
 * length above it is refused with a 413 before any route runs, and {@link JsonBodies#readBytes} reads at most
 * that many bytes of a body without a length (chunked), so no route ever holds more in memory.
 */
public final class BodyLimit implements Filter {

    /** Paths whose bodies are streamed, not read into memory, and so may be larger. */
    private static final String BLOBS = "/api/blobs/";

    private final long max;
    private final ObjectMapper json;

    public BodyLimit(long max, ObjectMapper json) {
        this.max = max;
        this.json = json;
    }

    /** The limit for bodies read whole, registered on each request by the filter. */
    record Limit(long max) {
    }

    static long of(ServerRequest req) {
        return req.context().get(Limit.class).map(Limit::max).orElse(8L * 1024 * 1024);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(new Limit(max));
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > max && !req.path().path().startsWith(BLOBS)) {
            ErrorResponses.send(json, req, res, new GatewayException(ErrorKind.TOO_LARGE,
                    "The request body (" + declared + " bytes) is larger than MAX_BODY_BYTES (" + max + ")"));
            return;
        }
        chain.proceed();
    }
}
