package dev.ollamamax.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.chat.ChatMetrics.Outcome;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageEvent;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code inference} on its own virtual thread: routed through {@link dev.ollamamax.server.nodes.Upstream}
 * (retry on another node before the first token), then every line of the node forwarded as a
 * {@code stream_chunk} as it arrives (the node's {@code message.thinking} as thinking chunks, apart from the
 * answer), ending in a {@code done} chunk and {@code metrics}, or in one
 * {@code error}. {@link #cancel()} closes the upstream request; the generation then ends with
 * {@code done_reason: "cancelled"}.
 */
final class Generation {

    private static final Logger LOG = Logger.getLogger(Generation.class.getName());

    private final ServerChatSession connection;
    private final ChatRuntime rt;
    /** As the client sent it, until an alias in it is resolved to the model that serves it. */
    private volatile ClientFrame.Inference request;
    private final String id;
    private final String conversationId;
    private final StringBuilder answer;
    private final StringBuilder thinking;
    private final ReentrantLock phaseLock = new ReentrantLock();
    private boolean opening = true;
    private volatile boolean cancelled;
    private volatile UpstreamCall call;
    private long pieces;
    private final long startNanos = System.nanoTime();
    private volatile String errorKind = ErrorKind.UPSTREAM_ERROR.code();

    Generation(ServerChatSession connection, ChatRuntime rt, ClientFrame.Inference request) {
        this.connection = connection;
        this.rt = rt;
        this.request = request;
        this.id = request.id();
        this.conversationId = request.conversationId() != null ? request.conversationId() : UUID.randomUUID().toString();
        this.answer = rt.sink().enabled() ? new StringBuilder() : null;
        this.thinking = rt.sink().enabled() ? new StringBuilder() : null;
    }

    void start() {
        Thread.ofVirtual().name("chat-generation").start(this::run);
    }

    /**
     * Stops the generation. Once a node answers, its request is closed and the generation thread sends the
     * cancelled {@code done}. While no node has answered yet (routing, a model loading) nothing can be
     * interrupted without harming the node's connection, so the cancelled {@code done} is sent from here
     * at once, and the answer that comes later is closed unread.
     */
    void cancel() {
        cancelled = true;
        boolean beforeAnswer;
        phaseLock.lock();
        try {
            beforeAnswer = opening;
            opening = false;
        } finally {
            phaseLock.unlock();
        }
        if (beforeAnswer) {
            connection.finished(id, this);
            connection.push(rt.hub().codec().write(ServerFrame.StreamChunk.last(id, "cancelled", new Usage(0, 0), null)));
            return;
        }
        UpstreamCall c = call;
        if (c != null) {
            c.close();
        }
    }

    private void run() {
        Outcome outcome = Outcome.ERROR;
        try {
            outcome = generate();
        } catch (Outbox.ConnectionGone e) {
            outcome = Outcome.CANCELLED; // the client went away
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat generation failed unexpectedly", e);
            errorKind = ErrorKind.INTERNAL.code();
            trySend(new ServerFrame.ErrorFrame(id, ErrorCode.INTERNAL,
                    "The gateway failed unexpectedly while generating (" + e.getClass().getSimpleName() + ")"));
        } finally {
            UpstreamCall c = call;
            if (c != null) {
                c.close();
            }
            connection.finished(id, this);
            rt.hub().metrics().generation(outcome);
            report(outcome, c);
        }
    }

    /** One usage event per generation: the node's counts when it finished, the pieces sent when cancelled. */
    private void report(Outcome outcome, UpstreamCall c) {
        Optional<UpstreamCall> node = Optional.ofNullable(c);
        Usage tokens = node.flatMap(UpstreamCall::tokens).orElse(new Usage(0, outcome == Outcome.CANCELLED ? pieces : 0));
        Optional<ChatPrincipal> who = connection.principal();
        try {
            rt.usage().record(new UsageEvent(java.time.Instant.now(), who.map(ChatPrincipal::userId).orElse(0L),
                    who.flatMap(ChatPrincipal::apiKeyId), "/chat", request.model(), node.map(n -> n.node().id()).orElse(""),
                    connection.listener().wireName(), tokens.promptTokens(), tokens.completionTokens(),
                    node.map(n -> n.timeToFirstToken().toMillis()), (System.nanoTime() - startNanos) / 1_000_000,
                    switch (outcome) {
                        case DONE -> UsageEvent.Outcome.OK;
                        case CANCELLED -> UsageEvent.Outcome.CANCELLED;
                        case ERROR -> UsageEvent.Outcome.ERROR;
                    }, outcome == Outcome.ERROR ? Optional.of(errorKind) : Optional.empty()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reporting the usage of a chat generation failed", e);
        }
    }

    private Outcome generate() {
        UpstreamCall c;
        try {
            String model = rt.aliases().resolve(request.model()).model();
            if (!model.equals(request.model())) {
                ClientFrame.Inference r = request;
                request = new ClientFrame.Inference(r.id(), model, r.messages(), r.content(), r.conversationId(), r.settings(),
                        r.node(), r.regenerate());
            }
            c = rt.upstream().open(request.model(), "/api/chat", OllamaChatRequest.body(rt.json(), request),
                    Optional.ofNullable(request.node()));
        } catch (GatewayException e) {
            if (!leaveOpening()) {
                return Outcome.CANCELLED; // the cancelled done was sent by cancel()
            }
            errorKind = e.kind().code();
            send(new ServerFrame.ErrorFrame(id, code(e.kind()), e.getMessage()));
            return Outcome.ERROR;
        }
        call = c;
        if (!leaveOpening()) {
            c.close();
            return Outcome.CANCELLED;
        }
        String node = c.node().id();
        send(new ServerFrame.Response(id, request.model(), node, conversationId));
        while (true) {
            byte[] line;
            try {
                line = c.nextLine();
            } catch (IOException e) {
                if (cancelled) {
                    return cancelled(c);
                }
                return failed(c, e.getMessage());
            }
            if (line == null) {
                return cancelled ? cancelled(c) : failed(c, "node " + node + " ended the stream before the answer was complete");
            }
            JsonNode obj;
            try {
                obj = rt.json().readTree(line);
            } catch (IOException e) {
                return failed(c, "node " + node + " sent a line that is not JSON");
            }
            if (obj.hasNonNull("error")) {
                return failed(c, "node " + node + " failed mid-answer: " + obj.path("error").asText());
            }
            String thought = obj.path("message").path("thinking").asText("");
            if (!thought.isEmpty()) {
                pieces++;
                if (thinking != null) {
                    thinking.append(thought);
                }
                send(ServerFrame.StreamChunk.thought(id, thought));
            }
            String text = obj.path("message").path("content").asText("");
            if (!text.isEmpty()) {
                pieces++;
                if (answer != null) {
                    answer.append(text);
                }
                send(ServerFrame.StreamChunk.piece(id, text));
            }
            if (obj.path("done").asBoolean(false)) {
                return done(c, obj);
            }
            if (cancelled) {
                return cancelled(c);
            }
        }
    }

    private Outcome done(UpstreamCall c, JsonNode last) {
        String node = c.node().id();
        long completion = last.path("eval_count").asLong(pieces);
        Usage usage = new Usage(last.path("prompt_eval_count").asLong(0), completion);
        String reason = "length".equals(last.path("done_reason").asText()) ? "length" : "stop";
        rt.upstream().recordUsage(c, request.model(), last);
        // the slot is free before the client can see done: storing the turn below may take its time
        connection.finished(id, this);
        send(ServerFrame.StreamChunk.last(id, reason, usage, node));
        send(timing(c, completion));
        if (answer != null) {
            keep(usage, node);
        }
        return Outcome.DONE;
    }

    private Outcome cancelled(UpstreamCall c) {
        c.close();
        send(ServerFrame.StreamChunk.last(id, "cancelled", new Usage(0, pieces), c.node().id()));
        send(timing(c, pieces));
        return Outcome.CANCELLED;
    }

    private Outcome failed(UpstreamCall c, String message) {
        c.failed();
        c.close();
        send(new ServerFrame.ErrorFrame(id, ErrorCode.UPSTREAM_ERROR, message));
        return Outcome.ERROR;
    }

    /** Measured by the gateway: time to first token, total time, completion tokens over the streaming time. */
    private ServerFrame.GenerationMetrics timing(UpstreamCall c, long completionTokens) {
        long ttftNanos = c.timeToFirstToken().toNanos();
        long totalNanos = c.elapsed().toNanos();
        long streamingNanos = totalNanos - ttftNanos;
        double seconds = (streamingNanos >= 1_000_000 ? streamingNanos : totalNanos) / 1e9;
        double tps = seconds > 0 ? Math.round(completionTokens / seconds * 100) / 100.0 : 0;
        return new ServerFrame.GenerationMetrics(id, c.node().id(), ttftNanos / 1_000_000, totalNanos / 1_000_000, tps);
    }

    private void keep(Usage usage, String node) {
        List<dev.ollamamax.shared.protocol.ChatMessage> conversation = request.conversation();
        dev.ollamamax.shared.protocol.ChatMessage asked = conversation.get(conversation.size() - 1);
        try {
            int turn = (int) conversation.stream().filter(m -> m.role().equals("user")).count() - 1;
            rt.sink().record(new ConversationTurn(conversationId, connection.user(), asked.content(), asked.images(),
                    answer.toString(), thinking.toString(), request.model(), node, usage, turn, request.regenerating(),
                    request.editing()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Keeping a chat turn failed", e);
        }
    }

    /** Leaves the "waiting for a node" phase; false when a cancel already ended the generation in it. */
    private boolean leaveOpening() {
        phaseLock.lock();
        try {
            boolean stillOurs = opening;
            opening = false;
            return stillOurs;
        } finally {
            phaseLock.unlock();
        }
    }

    private void send(ServerFrame frame) {
        try {
            connection.outbox().send(rt.hub().codec().write(frame));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Outbox.ConnectionGone();
        }
    }

    private void trySend(ServerFrame frame) {
        try {
            send(frame);
        } catch (Outbox.ConnectionGone e) {
            // nobody left to tell
        }
    }

    static ErrorCode code(ErrorKind kind) {
        return switch (kind) {
            case UNAVAILABLE -> ErrorCode.NO_HEALTHY_NODE;
            case NOT_FOUND -> ErrorCode.MODEL_NOT_FOUND;
            default -> ErrorCode.fromWire(kind.code()).orElse(ErrorCode.INTERNAL);
        };
    }
}
