package dev.ollamamax.server.chat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ProtocolException;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServiceInfo;
import dev.ollamamax.shared.protocol.Topic;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One chat connection: authentication state, message assembly with the size limit, dispatch of client
 * frames, and the generations running on it. Helidon calls it on the connection's own thread; everything
 * it writes goes through its {@link Outbox}.
 */
final class ServerChatSession implements WsListener {

    private static final Logger LOG = Logger.getLogger(ServerChatSession.class.getName());
    static final int MAX_GENERATIONS = 32;

    private final ChatRuntime rt;
    private final Listener listener;
    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    /** The permit key each running generation holds. */
    private final Map<Generation, String> permits = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Optional<String> upgradeToken = Optional.empty();
    private volatile WsSession session;
    private volatile Outbox outbox;
    private volatile Thread thread;
    private volatile ChatPrincipal principal;
    private volatile Set<Topic> topics = Set.of();
    private volatile long lastSeen = System.nanoTime();
    /** The last text or binary message from the client (pongs do not count): for the idle timeout. */
    private volatile long lastMessage = System.nanoTime();
    /** The token this connection authenticated with, checked again while the connection lives. */
    private volatile String credential;
    private final AtomicBoolean rechecking = new AtomicBoolean();
    private volatile long lastPing;
    private final MessageAssembler assembler;

    ServerChatSession(ChatRuntime rt, Listener listener) {
        this.rt = rt;
        this.listener = listener;
        this.assembler = new MessageAssembler(rt.maxFrameBytes());
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        Optional<String> bearer = headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .filter(v -> !v.isEmpty());
        upgradeToken = bearer.or(() -> prologue.query().first("token").asOptional().filter(v -> !v.isBlank()));
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        this.thread = Thread.currentThread();
        this.outbox = new Outbox(session, rt.limits().maxOutboundBytes(), rt.limits().stallLimit(),
                () -> end("the connection broke"), this::dropUnreadingClient);
        lastSeen = System.nanoTime();
        lastMessage = lastSeen;
        rt.hub().register(this);
        rt.hub().metrics().opened(listener);
        send(new ServerFrame.Hello("ollamamax", rt.version(), listener.wireName(),
                session.socketContext().localPeer().port(), rt.auth().required()));
        upgradeToken.ifPresent(this::authenticate);
        upgradeToken = Optional.empty();
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        lastSeen = System.nanoTime();
        lastMessage = lastSeen;
        MessageAssembler.Result r = assembler.add(text, last);
        if (r instanceof MessageAssembler.Complete c) {
            handle(c.text());
        } else if (r instanceof MessageAssembler.TooLarge t) {
            error(null, ErrorCode.TOO_LARGE, "The message was " + t.bytes()
                    + " bytes; messages are limited to " + rt.maxFrameBytes()
                    + " bytes (WS_MAX_FRAME_BYTES). It was not read; the connection is still open.");
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        lastSeen = System.nanoTime();
        lastMessage = lastSeen;
        if (last) {
            error(null, ErrorCode.BAD_REQUEST, "Binary messages are not part of the chat protocol; send JSON as text messages");
        }
    }

    @Override
    public void onPing(WsSession session, BufferData buffer) {
        lastSeen = System.nanoTime();
        session.pong(buffer);
    }

    @Override
    public void onPong(WsSession session, BufferData buffer) {
        lastSeen = System.nanoTime();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        end("closed by the client (" + status + ")");
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.log(Level.FINE, "Chat connection error", t);
        end("error: " + t.getMessage());
    }

    private void handle(String text) {
        ClientFrame frame;
        try {
            frame = rt.hub().codec().readClient(text);
        } catch (ProtocolException e) {
            error(e.id().filter(id -> !generations.containsKey(id)).orElse(null), e.code(), e.getMessage());
            return;
        }
        if (!(frame instanceof ClientFrame.Auth) && !authenticated()) {
            error(null, ErrorCode.UNAUTHORIZED, "This connection is not authenticated: send {\"type\":\"auth\",\"token\":\"…\"} "
                    + "first, or connect with an Authorization: Bearer header or a ?token= parameter");
            return;
        }
        try {
            switch (frame) {
                case ClientFrame.Auth a -> authenticate(a.token());
                case ClientFrame.Inference i -> start(i);
                case ClientFrame.Cancel c -> cancel(c.id());
                case ClientFrame.Ping p -> send(new ServerFrame.Pong(p.timestamp()));
                case ClientFrame.GetNodes g -> send(new ServerFrame.NodeList(rt.nodes().snapshots().stream().map(NodeViews::info).toList()));
                case ClientFrame.Subscribe s -> subscribe(s);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat frame failed unexpectedly", e);
            error(null, ErrorCode.INTERNAL, "The gateway failed unexpectedly while handling this frame (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void authenticate(String token) {
        Optional<ChatPrincipal> p;
        try {
            p = rt.auth().authenticate(token);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat authentication failed unexpectedly", e);
            error(null, ErrorCode.INTERNAL, "The token could not be checked (" + e.getClass().getSimpleName() + "); try again");
            return;
        }
        if (p.isPresent()) {
            principal = p.get();
            credential = token;
            send(new ServerFrame.AuthOk(p.get().user(), p.get().role(), p.get().expiresAt().map(Object::toString).orElse(null)));
        } else {
            error(null, ErrorCode.UNAUTHORIZED, "The token was not accepted (it is invalid, expired or revoked); "
                    + (authenticated() ? "the connection keeps its earlier authentication" : "this connection is not authenticated"));
        }
    }

    private void start(ClientFrame.Inference request) {
        if (generations.containsKey(request.id())) {
            error(null, ErrorCode.BAD_REQUEST, "A generation with id \"" + request.id() + "\" is already running on this "
                    + "connection; choose an id that is not in use");
            return;
        }
        if (generations.size() >= MAX_GENERATIONS) {
            error(request.id(), ErrorCode.RATE_LIMITED, "This connection already runs " + MAX_GENERATIONS
                    + " generations at once; wait for one to finish");
            return;
        }
        if (principal != null && request.model() != null && !principal.mayUse().test(request.model())) {
            error(request.id(), ErrorCode.FORBIDDEN, "This API key may not use the model '"
                    + (request.model().length() > 100 ? request.model().substring(0, 100) + "…" : request.model())
                    + "'; it is limited to " + String.join(", ", principal.models()));
            return;
        }
        ChatPrincipal who = principal;
        if (who != null && credential != null && rt.auth().recheck(credential, who) == ChatAuth.Recheck.REFUSED) {
            endUnauthorized();
            return;
        }
        if (who != null) {
            Optional<java.time.Duration> wait = rt.auth().tryAcquire(who);
            if (wait.isPresent()) {
                error(request.id(), ErrorCode.RATE_LIMITED, "Too many requests (RATE_LIMIT_PER_MINUTE, counted with your HTTP "
                        + "requests); try again in " + Math.max(1, (wait.get().toMillis() + 999) / 1000) + " s");
                return;
            }
        }
        String permitKey = permitKey();
        if (permitKey != null && !rt.permits().tryAcquire(permitKey)) {
            error(request.id(), ErrorCode.TOO_MANY_GENERATIONS, "You already run " + rt.permits().max()
                    + " generations at once (WS_MAX_CONCURRENT_GENERATIONS, over all your connections); wait for one to finish");
            return;
        }
        Generation g = new Generation(this, rt, request);
        generations.put(request.id(), g);
        if (permitKey != null) {
            permits.put(g, permitKey);
        }
        g.start();
    }

    /**
     * Generations count per user; null without authentication (there are no users then, and a connection is
     * limited to {@value #MAX_GENERATIONS} on its own).
     */
    private String permitKey() {
        ChatPrincipal who = principal;
        return who != null && rt.auth().required() ? "user:" + who.user() : null;
    }

    private void cancel(String id) {
        Generation g = generations.get(id);
        if (g == null) {
            error(null, ErrorCode.BAD_REQUEST, "There is no running generation \"" + id + "\" to cancel; it may have finished already");
            return;
        }
        g.cancel();
    }

    private void subscribe(ClientFrame.Subscribe s) {
        Set<Topic> next = topics.isEmpty() ? EnumSet.noneOf(Topic.class) : EnumSet.copyOf(topics);
        next.addAll(s.topics());
        topics = next;
        if (s.topics().contains(Topic.SERVICES)) {
            for (ServiceInfo service : rt.hub().services()) {
                send(new ServerFrame.ServiceUpdate(service));
            }
        }
    }

    boolean subscribed(Topic topic) {
        return topics.contains(topic) && authenticated();
    }

    private boolean authenticated() {
        return principal != null || !rt.auth().required();
    }

    Optional<String> user() {
        return Optional.ofNullable(principal).map(ChatPrincipal::user);
    }

    Optional<ChatPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    Listener listener() {
        return listener;
    }

    Outbox outbox() {
        return outbox;
    }

    void finished(String id, Generation g) {
        generations.remove(id, g);
        String key = permits.remove(g);
        if (key != null) {
            rt.permits().release(key);
        }
    }

    /**
     * Called by the hub's timer: checks this connection's credential again off the timer thread. A credential
     * that is now refused (logged out, revoked, password or role changed, expired) ends the connection.
     */
    void recheckCredential() {
        ChatPrincipal who = principal;
        String token = credential;
        if (ended.get() || who == null || token == null || !rechecking.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("chat-auth-check").start(() -> {
            try {
                boolean expired = who.expiresAt().filter(t -> !t.isAfter(java.time.Instant.now())).isPresent();
                if (expired || rt.auth().recheck(token, who) == ChatAuth.Recheck.REFUSED) {
                    endUnauthorized();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Chat credential check failed", e);
            } finally {
                rechecking.set(false);
            }
        });
    }

    /** The credential is no longer good: an {@code unauthorized} error, then close (1008), generations stopped. */
    private void endUnauthorized() {
        if (ended.get()) {
            return;
        }
        error(null, ErrorCode.UNAUTHORIZED, "The credential of this connection is no longer valid (logged out, revoked, "
                + "password or role changed, or expired); connect again with a new token");
        Outbox o = outbox;
        if (o != null) {
            o.close(1008, "credential no longer valid");
        }
        stop("credential no longer valid", false);
    }

    /** The client lets its messages pile up: close 1008, and the socket is cut shortly after if the close cannot get through. */
    private void dropUnreadingClient() {
        WsSession s = session;
        Thread.ofVirtual().name("chat-drop").start(() -> {
            try {
                s.close(1008, "the client does not read its messages");
            } catch (RuntimeException e) {
                // the socket is going anyway
            }
        });
        Thread.ofVirtual().name("chat-drop").start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (s instanceof ServerConnection connection) {
                connection.close(true);
            }
        });
        end("the client does not read its messages");
    }

    void push(String text) {
        Outbox o = outbox;
        if (o != null) {
            o.push(text);
        }
    }

    private void send(ServerFrame frame) {
        push(rt.hub().codec().write(frame));
    }

    private void error(String id, ErrorCode code, String message) {
        send(new ServerFrame.ErrorFrame(id, code, message));
    }

    /** Called by the hub's timer: pings a silent connection, closes a dead one, notices a vanished one. */
    void heartbeat(long now, long heartbeatNanos) {
        Thread t = thread;
        if (ended.get() || t == null) {
            return;
        }
        if (!t.isAlive()) {
            end("the connection was lost");
            return;
        }
        long idle = now - lastMessage;
        long idleLimit = rt.limits().idleTimeout().toNanos();
        if (idleLimit > 0 && idle > idleLimit && generations.isEmpty()) {
            outbox.close(1000, "no message for " + idle / 1_000_000_000 + " s (WS_IDLE_TIMEOUT_MS)");
            stop("idle", false);
            return;
        }
        long silent = now - lastSeen;
        if (silent > 3 * heartbeatNanos) {
            outbox.close(1001, "no answer to heartbeats for " + silent / 1_000_000_000 + " s");
            if (session instanceof ServerConnection connection) {
                connection.close(true);
            }
            end("no heartbeat");
        } else if (silent > heartbeatNanos && now - lastPing > heartbeatNanos) {
            lastPing = now;
            outbox.ping();
        }
    }

    /** The connection is over: stops its generations and forgets it. Idempotent. */
    void end(String reason) {
        stop(reason, true);
    }

    /** Stops the generations and forgets the connection; {@code abandon} drops what is still queued for the client. */
    private void stop(String reason, boolean abandon) {
        if (!ended.compareAndSet(false, true)) {
            if (abandon && outbox != null) {
                outbox.abandon();
            }
            return;
        }
        LOG.fine(() -> "Chat connection on " + listener.wireName() + " ended: " + reason);
        if (thread == null) {
            return; // never opened
        }
        rt.hub().unregister(this);
        rt.hub().metrics().closed(listener);
        generations.values().forEach(Generation::cancel);
        Outbox o = outbox;
        if (o != null && abandon) {
            o.abandon();
        }
    }
}
