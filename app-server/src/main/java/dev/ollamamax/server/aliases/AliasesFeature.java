package dev.ollamamax.server.aliases;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.store.StoreFeature;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Stored model aliases: the admin API on the primary listener, and the stored aliases read into
 * {@link ModelAliases} at once after each change here and every {@link #REFRESH_SECONDS} seconds, which
 * is how a change made on one instance reaches the others. While the database is unavailable the last
 * aliases read stay in force.
 */
public final class AliasesFeature implements GatewayFeature {

    static final int REFRESH_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(AliasesFeature.class.getName());

    private final GatewayContext context;
    private final AliasStore store;
    private final ModelAliases aliases;
    private final ScheduledExecutorService refresher;

    public AliasesFeature(GatewayContext context, StoreFeature storage, ModelAliases aliases) {
        this.context = context;
        this.store = new AliasStore(storage.database());
        this.aliases = aliases;
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("alias-refresh").factory());
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** Reads the stored aliases now. */
    public void refresh() {
        try {
            aliases.stored(store.all());
        } catch (SQLException | RuntimeException e) {
            LOG.fine(() -> "Stored model aliases not read (the last ones read stay in force): " + e);
        }
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener == Listener.PRIMARY) {
            routing.register("/api/v1/aliases", new AliasRoutes(context.json(), store, aliases, this::refresh));
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
