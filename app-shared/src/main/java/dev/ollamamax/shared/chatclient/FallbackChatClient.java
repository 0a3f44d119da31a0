package dev.ollamamax.shared.chatclient;

import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.FrameCodec;
import dev.ollamamax.shared.protocol.ProtocolException;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.Topic;
import dev.ollamamax.shared.runtime.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A chat client that stays connected through the gateway's fallback chain.
 *
 * <ul>
 *   <li>Connects to the first endpoint (in order) whose handshake and {@code hello} arrive within the
 *       connect timeout. When the connection is lost it tries the next endpoint at once, then the rest in
 *       turn; after a round in which none answered it waits (exponential backoff, capped) and starts again
 *       from the preferred one.</li>
 *   <li>While on another endpoint it tries the preferred (first) endpoint every {@code preferredCheckInterval},
 *       but only when idle: nothing queued, nothing being sent and no generation running. So a running
 *       answer is never moved; the switch happens between generations.</li>
 *   <li>{@link #send} never loses a frame and never sends one twice: frames wait in order while disconnected;
 *       a frame whose write failed is sent again on the next connection (a WebSocket frame that was not
 *       written whole cannot have reached the server); a {@code cancel} whose generation is gone is dropped.
 *       An {@code inference} that was written and whose connection was then lost before its {@code done}
 *       or {@code error} is reported as {@link ChatClientEvent.GenerationLost}, never sent again by itself.</li>
 *   <li>Subscriptions are renewed on every new connection. With no traffic for {@code pingAfter} it sends
 *       a {@code ping}; with none for {@code deadAfter} (30 s) it gives the connection up and reconnects.</li>
 * </ul>
 * Thread-safe. All work and all events happen on one thread of the client: listeners must return quickly
 * (a UI hands events to its own thread).
 */
public final class FallbackChatClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FallbackChatClient.class.getName());

    private final ChatClientOptions options;
    private final List<URI> endpoints;
    private final FrameCodec codec = new FrameCodec();
    private final HttpClient http;
    private final ScheduledExecutorService actor;
    private final List<Consumer<ChatClientEvent>> listeners = new CopyOnWriteArrayList<>();
    private final EndpointConnection.Events events = new ConnectionEvents();
    private final Object stateMonitor = new Object();

    // owned by the actor thread
    private final Backoff backoff;
    private int failedRounds;
    private final Deque<ClientFrame> pending = new ArrayDeque<>();
    private final Map<String, URI> inFlight = new LinkedHashMap<>();
    private final Set<Topic> topics = EnumSet.noneOf(Topic.class);
    private ClientFrame inTransit;
    private EndpointConnection current;
    private EndpointConnection connecting;
    private EndpointConnection probe;
    private URI lastEndpoint;
    private int roundTries;
    private final java.util.concurrent.atomic.AtomicLong failedAttempts = new java.util.concurrent.atomic.AtomicLong();
    private long lastReceived;
    private long lastPing;
    private boolean started;
    private boolean closed;

    // read by any thread
    private volatile Optional<URI> endpoint = Optional.empty();
    private volatile Optional<String> listenerName = Optional.empty();

    public FallbackChatClient(ChatClientOptions options) {
        this.options = options;
        this.endpoints = options.endpoints();
        this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        this.actor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("chat-client").factory());
        long tick = Math.max(50, Math.min(1000, options.pingAfter().toMillis() / 4));
        actor.scheduleWithFixedDelay(() -> guarded(this::heartbeat), tick, tick, TimeUnit.MILLISECONDS);
        long check = options.preferredCheckInterval().toMillis();
        actor.scheduleWithFixedDelay(() -> guarded(this::checkPreferred), check, check, TimeUnit.MILLISECONDS);
    }

    public void addListener(Consumer<ChatClientEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ChatClientEvent> listener) {
        listeners.remove(listener);
    }

    /** Starts connecting (returns at once); events tell when a connection is up. */
    public void connect() {
        post(() -> {
            if (!started && !closed) {
                started = true;
                connectFrom(0);
            }
        });
    }

    /** Sends a frame now, or once connected; see the class comment for the delivery guarantees. */
    public void send(ClientFrame frame) {
        post(() -> {
            if (!closed) {
                pending.addLast(frame);
                pump();
            }
        });
    }

    /** The endpoint of the current connection, empty while disconnected. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** The server's name for the listener of the current connection ({@code primary}, {@code websocket}, {@code fallback}). */
    public Optional<String> listenerName() {
        return listenerName;
    }

    /** How many connection attempts have failed since this client was made (endpoints that did not answer). */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    public boolean isConnected() {
        return endpoint.isPresent();
    }

    /** Waits until connected (to any endpoint); false when the time ran out. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateMonitor) {
            while (endpoint.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateMonitor, left);
            }
            return true;
        }
    }

    /** Closes the connection; frames still queued are dropped. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            actor.execute(() -> {
                closed = true;
                for (EndpointConnection c : new EndpointConnection[] {current, connecting, probe}) {
                    if (c != null) {
                        c.closeNormally("client closed");
                    }
                }
                current = connecting = probe = null;
                setState(null);
                pending.clear();
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the chat client: " + e);
        }
        actor.shutdownNow();
        http.shutdownNow();
    }

    // ---- connecting ----

    private void connectFrom(int index) {
        roundTries = 0;
        attempt(index);
    }

    private void attempt(int index) {
        if (closed || current != null || connecting != null) {
            return;
        }
        EndpointConnection c = new EndpointConnection(endpoints.get(index), index, events);
        connecting = c;
        // the hello may be handled before this completion: by then c may already be the current connection
        open(c).whenComplete((ws, err) -> post(() -> {
            if (err != null) {
                attemptFailed(c, EndpointConnection.describe(err));
            } else if (c != connecting) {
                if (c != current) {
                    ws.abort();
                }
            } else {
                actor.schedule(() -> guarded(() -> {
                    if (c == connecting) {
                        attemptFailed(c, "no hello within " + options.connectTimeout().toMillis() + " ms");
                    }
                }), options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
    }

    private CompletableFuture<WebSocket> open(EndpointConnection c) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        options.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder.buildAsync(c.endpoint, c);
    }

    private void attemptFailed(EndpointConnection c, String reason) {
        if (c != connecting) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "chat endpoint " + c.endpoint + " did not answer: " + reason);
        c.abort();
        connecting = null;
        roundTries++;
        failedAttempts.incrementAndGet();
        if (roundTries < endpoints.size()) {
            attempt((c.index + 1) % endpoints.size());
        } else {
            Duration pause = backoff.delay(failedRounds);
            failedRounds = Math.min(failedRounds + 1, 64);
            roundTries = 0;
            actor.schedule(() -> guarded(() -> attempt(0)), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void becomeCurrent(EndpointConnection c, ServerFrame.Hello hello) {
        c.helloSeen = true;
        c.listenerName = hello.listener();
        current = c;
        failedRounds = 0;
        lastReceived = System.nanoTime();
        if (lastEndpoint != null && !lastEndpoint.equals(c.endpoint)) {
            emit(new ChatClientEvent.FailedOver(lastEndpoint, c.endpoint));
        }
        lastEndpoint = c.endpoint;
        setState(c);
        emit(new ChatClientEvent.Connected(c.endpoint, hello.listener()));
        emit(new ChatClientEvent.Received(hello));
        if (!topics.isEmpty()) {
            pending.addFirst(new ClientFrame.Subscribe(List.copyOf(topics)));
        }
        pump();
    }

    private void lose(EndpointConnection c, String reason) {
        if (c == connecting) {
            attemptFailed(c, reason);
            return;
        }
        if (c == probe) {
            probe = null;
            c.abort();
            return;
        }
        if (c != current) {
            return; // a connection the client already left
        }
        current = null;
        c.abort();
        setState(null);
        emit(new ChatClientEvent.Disconnected(c.endpoint, reason));
        for (String id : List.copyOf(inFlight.keySet())) {
            inFlight.remove(id);
            emit(new ChatClientEvent.GenerationLost(id, reason));
        }
        pending.removeIf(f -> f instanceof ClientFrame.Ping);
        connectFrom((c.index + 1) % endpoints.size());
    }

    // ---- returning to the preferred endpoint ----

    private boolean idle() {
        return inFlight.isEmpty() && pending.isEmpty() && inTransit == null;
    }

    private void checkPreferred() {
        if (closed || current == null || current.index == 0 || probe != null || !idle()) {
            return;
        }
        EndpointConnection p = new EndpointConnection(endpoints.getFirst(), 0, events);
        probe = p;
        open(p).whenComplete((ws, err) -> post(() -> {
            if (p != probe) {
                if (ws != null && p != current) {
                    ws.abort();
                }
            } else if (err != null) {
                probe = null;
            } else {
                actor.schedule(() -> guarded(() -> {
                    if (p == probe) {
                        probe = null;
                        p.abort();
                    }
                }), options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
    }

    private void probeAnswered(EndpointConnection p, ServerFrame.Hello hello) {
        probe = null;
        if (current == null) {
            if (connecting != null) {
                connecting.abort();
                connecting = null;
            }
            becomeCurrent(p, hello);
        } else if (idle()) {
            EndpointConnection old = current;
            current = null;
            old.closeNormally("returning to the preferred endpoint");
            becomeCurrent(p, hello);
        } else {
            p.closeNormally("busy; the client returns later");
        }
    }

    // ---- sending ----

    private void pump() {
        while (current != null && inTransit == null && !pending.isEmpty() && !closed) {
            ClientFrame f = pending.pollFirst();
            if (f instanceof ClientFrame.Cancel cancel && !inFlight.containsKey(cancel.id()) && !queued(cancel.id())) {
                continue; // its generation finished or was lost: the server would only answer bad_request
            }
            EndpointConnection c = current;
            inTransit = f;
            c.socket.sendText(codec.write(f), true).whenComplete((ws, err) -> post(() -> sent(c, f, err)));
        }
    }

    private boolean queued(String id) {
        return pending.stream().anyMatch(f -> f instanceof ClientFrame.Inference i && i.id().equals(id));
    }

    private void sent(EndpointConnection c, ClientFrame f, Throwable err) {
        inTransit = null;
        if (err != null) {
            if (!(f instanceof ClientFrame.Ping)) {
                pending.addFirst(f); // not written whole, so not received: it goes out on the next connection
            }
            lose(c, "sending failed: " + EndpointConnection.describe(err));
        } else if (f instanceof ClientFrame.Inference i) {
            if (c == current) {
                inFlight.put(i.id(), c.endpoint);
            } else {
                emit(new ChatClientEvent.GenerationLost(i.id(), "the connection was lost right after it was sent"));
            }
        } else if (f instanceof ClientFrame.Subscribe s) {
            topics.addAll(s.topics());
        }
        pump();
    }

    // ---- receiving ----

    private void received(EndpointConnection c, String text) {
        ServerFrame frame;
        try {
            frame = codec.readServer(text);
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable frame from " + c.endpoint + ": " + e.getMessage());
            return;
        }
        if (c != current) {
            if (frame instanceof ServerFrame.Hello hello) {
                if (c == connecting) {
                    connecting = null;
                    becomeCurrent(c, hello);
                } else if (c == probe) {
                    probeAnswered(c, hello);
                }
            }
            return;
        }
        lastReceived = System.nanoTime();
        if (frame instanceof ServerFrame.StreamChunk chunk && chunk.done()) {
            inFlight.remove(chunk.id());
        } else if (frame instanceof ServerFrame.ErrorFrame error && error.id() != null) {
            inFlight.remove(error.id());
        }
        emit(new ChatClientEvent.Received(frame));
    }

    private void heartbeat() {
        if (current == null) {
            return;
        }
        long now = System.nanoTime();
        long silent = now - lastReceived;
        if (silent > options.deadAfter().toNanos()) {
            lose(current, "no traffic for " + silent / 1_000_000_000 + " s");
        } else if (silent > options.pingAfter().toNanos() && now - lastPing > options.pingAfter().toNanos()) {
            lastPing = now;
            pending.addLast(new ClientFrame.Ping(System.currentTimeMillis()));
            pump();
        }
    }

    // ---- plumbing ----

    private void setState(EndpointConnection c) {
        synchronized (stateMonitor) {
            endpoint = Optional.ofNullable(c).map(x -> x.endpoint);
            listenerName = Optional.ofNullable(c).map(x -> x.listenerName);
            stateMonitor.notifyAll();
        }
    }

    private void emit(ChatClientEvent event) {
        for (Consumer<ChatClientEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "chat client listener failed", e);
            }
        }
    }

    private void post(Runnable task) {
        try {
            actor.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "chat client failed", e);
        }
    }

    private final class ConnectionEvents implements EndpointConnection.Events {
        @Override
        public void received(EndpointConnection connection, String text) {
            post(() -> FallbackChatClient.this.received(connection, text));
        }

        @Override
        public void traffic(EndpointConnection connection) {
            post(() -> {
                if (connection == current) {
                    lastReceived = System.nanoTime();
                }
            });
        }

        @Override
        public void lost(EndpointConnection connection, String reason) {
            post(() -> lose(connection, reason));
        }
    }
}
