package dev.ollamamax.shared.chatclient;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket to one endpoint. Its callbacks only hand what happened to the client's own thread,
 * tagged with this connection, so a late callback of a connection the client has left is recognised.
 */
final class EndpointConnection implements WebSocket.Listener {

    interface Events {
        void received(EndpointConnection connection, String text);

        void traffic(EndpointConnection connection);

        void lost(EndpointConnection connection, String reason);
    }

    final URI endpoint;
    final int index;
    private final Events events;
    private final StringBuilder text = new StringBuilder();
    volatile WebSocket socket;
    boolean helloSeen;
    String listenerName = "";

    EndpointConnection(URI endpoint, int index, Events events) {
        this.endpoint = endpoint;
        this.index = index;
        this.events = events;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String whole = text.toString();
            text.setLength(0);
            events.received(this, whole);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        events.traffic(this);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        events.traffic(this);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.traffic(this);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.lost(this, "the server closed the connection (" + statusCode + (reason.isBlank() ? "" : ", " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.lost(this, describe(error));
    }

    /** Closes without waiting for the server. */
    void abort() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    /** Says goodbye politely; used when leaving a connection that still works. */
    void closeNormally(String reason) {
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, reason).orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((ok, e) -> s.abort());
        }
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
