package dev.ollamamax.server.conversations;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import io.helidon.webserver.http.HttpRouting;

/** Serves {@code /api/v1/conversations} on the primary listener and offers the {@link ConversationStore} to the chat. */
public final class ConversationsFeature implements GatewayFeature {

    private final GatewayContext context;
    private final ConversationStore store;

    public ConversationsFeature(GatewayContext context, StoreFeature storage) {
        this.context = context;
        this.store = new ConversationStore(storage.database());
    }

    public ConversationStore store() {
        return store;
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener == Listener.PRIMARY) {
            routing.register("/api/v1/conversations", new ConversationRoutes(store, context.json()));
        }
    }
}
