package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.chatclient.ChatClientEvent;
import dev.ollamamax.shared.chatclient.ChatClientOptions;
import dev.ollamamax.shared.chatclient.FallbackChatClient;
import dev.ollamamax.shared.protocol.ClientFrame;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The desktop chat's {@link FallbackChatClient} and its inbox. The client's events arrive on its own thread
 * and wait in the inbox until the UI thread {@link #drain drains} it, once per frame; the first event after a
 * quiet spell calls the wake-up hook (the view starts its frame timer). {@link #connect} replaces the client
 * (after the gateway started or moved to other ports): events of a replaced client are dropped, and a
 * {@link Replaced} marker tells the UI that generations running on it are gone.
 */
public final class DesktopChatClient implements AutoCloseable {

    /** Put in the inbox when the client was replaced or closed. */
    public record Replaced(String why) {
    }

    private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean awake = new AtomicBoolean();
    private volatile Runnable wake = () -> { };
    private volatile FallbackChatClient client;

    /** Connects to these endpoints (in order of preference), replacing the current client. Any thread. */
    public synchronized void connect(List<URI> endpoints, Optional<String> token) {
        FallbackChatClient old = client;
        client = null;
        if (old != null) {
            old.close();
            post(new Replaced("the gateway was restarted"));
        }
        if (endpoints.isEmpty()) {
            return;
        }
        ChatClientOptions options = ChatClientOptions.of(endpoints);
        if (token.isPresent()) {
            options = options.withToken(token.get());
        }
        FallbackChatClient fresh = new FallbackChatClient(options);
        fresh.addListener(e -> {
            if (client == fresh) {
                post(e);
            }
        });
        client = fresh;
        fresh.connect();
    }

    /** Closes the client; generations still running are reported lost. */
    public synchronized void disconnect(String why) {
        FallbackChatClient old = client;
        client = null;
        if (old != null) {
            old.close();
            post(new Replaced(why));
        }
    }

    /** Hands a frame to the client (queued by it while disconnected); false when there is no client. */
    public boolean send(ClientFrame frame) {
        FallbackChatClient c = client;
        if (c == null) {
            return false;
        }
        c.send(frame);
        return true;
    }

    public boolean hasClient() {
        return client != null;
    }

    public boolean connected() {
        FallbackChatClient c = client;
        return c != null && c.isConnected();
    }

    /** The endpoint of the current connection. */
    public Optional<URI> endpoint() {
        FallbackChatClient c = client;
        return c == null ? Optional.empty() : c.endpoint();
    }

    /** Called (from the client's thread) when an event arrives after the inbox was drained empty. */
    public void setWake(Runnable wake) {
        this.wake = wake;
    }

    private void post(Object event) {
        inbox.add(event);
        if (awake.compareAndSet(false, true)) {
            wake.run();
        }
    }

    /**
     * Hands every waiting event ({@link ChatClientEvent} or {@link Replaced}) to {@code handler}, in order.
     * Returns how many there were; after an empty drain the next event wakes the UI again.
     */
    public int drain(Consumer<Object> handler) {
        int n = 0;
        Object e;
        while ((e = inbox.poll()) != null) {
            handler.accept(e);
            n++;
        }
        if (n == 0) {
            awake.set(false);
            if (!inbox.isEmpty() && awake.compareAndSet(false, true)) {
                wake.run();
            }
        }
        return n;
    }

    @Override
    public void close() {
        disconnect("the chat was closed");
    }
}
