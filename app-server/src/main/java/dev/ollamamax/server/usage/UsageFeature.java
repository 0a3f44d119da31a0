package dev.ollamamax.server.usage;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import io.helidon.webserver.http.HttpRouting;

/**
 * Usage accounting for the gateway: the {@link UsageLog} (the sink the chat feature reports to as well),
 * the filter that reports HTTP generations on the primary listener, and {@code /auth/usage}. It must come
 * after auth in the feature list (its routes need the principal) and before the inference features, so it
 * closes after them and writes their last events.
 */
public final class UsageFeature implements GatewayFeature {

    private final GatewayContext context;
    private final UsageLog log;
    private final UsageRoutes routes;

    public UsageFeature(GatewayContext context, StoreFeature store) {
        this.context = context;
        this.log = new UsageLog(store.database(), new TokenWindow(store.cache(), context.clock()), context.meters());
        this.routes = new UsageRoutes(new UsageQueries(store.database()), context.json(), context.clock());
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener == Listener.PRIMARY) {
            routing.addFilter(new UsageFilter(log, listener, context.clock()));
            routing.register("/auth/usage", routes);
        }
    }

    /** Where every finished request is reported; also {@link UsageLog#tokensLastMinute} for limits. */
    public UsageLog log() {
        return log;
    }

    @Override
    public void close() {
        log.close();
    }
}
