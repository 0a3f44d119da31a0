package dev.ollamamax.server.usage;

import dev.ollamamax.server.nodes.NodeNeed;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * What a generation route tells usage accounting about its request, kept in the request's context by
 * {@link UsageFilter}: the model, the node call (node, time to first token, the node's own token counts,
 * whether it failed) or that the answer came from the response cache. Routes use {@link #open} instead of
 * {@link Upstream#open} and {@link #cached} on a cache hit; the filter does the rest when the route returns.
 */
public final class UsageTicket {

    private volatile String model;
    private volatile UpstreamCall call;
    private volatile boolean cached;

    UsageTicket() {
    }

    /** {@link Upstream#open}, noting the model (also when it fails) and the call on this request's ticket. */
    public static UpstreamCall open(ServerRequest req, Upstream upstream, String model, String path, byte[] body,
                                    Optional<String> pinnedNode) {
        return open(req, upstream, model, path, body, pinnedNode, NodeNeed.NONE);
    }

    /** {@link #open(ServerRequest, Upstream, String, String, byte[], Optional)} on nodes that meet {@code need}. */
    public static UpstreamCall open(ServerRequest req, Upstream upstream, String model, String path, byte[] body,
                                    Optional<String> pinnedNode, NodeNeed need) {
        Optional<UsageTicket> ticket = of(req);
        ticket.ifPresent(t -> t.model = model);
        UpstreamCall call = upstream.open(model, path, body, pinnedNode, need);
        ticket.ifPresent(t -> t.call = call);
        return call;
    }

    /** Notes that the answer for {@code model} came from the response cache, no node involved. */
    public static void cached(ServerRequest req, String model) {
        of(req).ifPresent(t -> {
            t.model = model;
            t.cached = true;
        });
    }

    static Optional<UsageTicket> of(ServerRequest req) {
        return req.context().get(UsageTicket.class);
    }

    Optional<String> model() {
        return Optional.ofNullable(model);
    }

    Optional<UpstreamCall> call() {
        return Optional.ofNullable(call);
    }

    boolean isCached() {
        return cached;
    }
}
