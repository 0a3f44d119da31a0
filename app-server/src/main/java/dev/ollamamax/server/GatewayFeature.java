package dev.ollamamax.server;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;

/**
 * One area of the gateway (Ollama API, OpenAI API, chat, auth, ops…). The gateway asks each feature
 * for its routes on each listener; a feature that serves only the primary listener checks the listener.
 */
public interface GatewayFeature extends AutoCloseable {

    /** HTTP routes and filters of this feature on the given listener. */
    default void http(Listener listener, HttpRouting.Builder routing) {
    }

    /** WebSocket endpoints of this feature on the given listener. */
    default void websocket(Listener listener, WsRouting.Builder routing) {
    }

    /** Releases what the feature holds (executors, clients); called once when the gateway closes. */
    @Override
    default void close() {
    }
}
