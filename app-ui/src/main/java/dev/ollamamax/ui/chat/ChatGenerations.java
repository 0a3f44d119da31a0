package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The answers being generated: each generation id with the answer it fills and its conversation. The
 * gateway's frames are applied to those answers ({@code response}, thinking and answer pieces, {@code done}
 * with the token counts, {@code metrics}, {@code error}); Stop cancels them; a lost connection fails them.
 * A streaming answer's text is published once per {@link #publish()}. On the UI thread.
 */
final class ChatGenerations {

    /** {@code reload}: an edit, whose conversation is read back once stored (its versions get their ids). */
    record Generation(String conversationId, ChatItem item, boolean reload) {
    }

    private final DesktopChatClient connection;
    private final Supplier<String> shown;
    private final Consumer<Generation> stored;
    private final Map<String, Generation> generations = new HashMap<>();
    /** Answers that are done and wait for their {@code metrics} frame. */
    private final Map<String, ChatItem> timings = new HashMap<>();
    private final Set<ChatItem> dirty = new LinkedHashSet<>();
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper();
    private int counter;

    /**
     * @param shown  the id of the conversation shown (Stop and {@link #generatingProperty()} are about it)
     * @param stored gets each answer that is done and not stopped (the gateway stores it)
     */
    ChatGenerations(DesktopChatClient connection, Supplier<String> shown, Consumer<Generation> stored) {
        this.connection = connection;
        this.shown = shown;
        this.stored = stored;
    }

    String nextId() {
        return "desk-" + (++counter) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends {@code request}, whose answer fills {@code answer} in conversation {@code conversationId}. */
    void start(String conversationId, ChatItem answer, boolean reload, ClientFrame.Inference request) {
        generations.put(request.id(), new Generation(conversationId, answer, reload));
        update();
        connection.send(request);
    }

    /** The connection is up: the queued answers are on their way (the client sends them). */
    void connected() {
        for (Generation g : generations.values()) {
            if (g.item().state() == ChatItem.State.QUEUED) {
                g.item().setState(ChatItem.State.SENDING);
            }
        }
    }

    /** The client was replaced: every answer still coming is lost. */
    void loseAll(String why) {
        for (String id : List.copyOf(generations.keySet())) {
            lost(id, why);
        }
    }

    void lost(String id, String reason) {
        Generation g = generations.remove(id);
        if (g != null) {
            g.item().publish();
            g.item().failed(ChatItem.State.LOST, "The connection was lost before the answer was complete (" + reason + ")");
            update();
        }
    }

    /** Applies a frame of the gateway about a generation (frames without one are not this class's). */
    void apply(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Response r -> find(r.id()).ifPresent(g -> g.item().routed(r.node()));
            case ServerFrame.StreamChunk c when !c.done() -> find(c.id()).ifPresent(g -> {
                if (c.isThinking()) {
                    g.item().think(c.thinking());
                } else {
                    g.item().append(c.chunk() != null ? c.chunk() : c.content() == null ? "" : c.content());
                }
                dirty.add(g.item());
            });
            case ServerFrame.StreamChunk c -> find(c.id()).ifPresent(g -> finished(c, g));
            case ServerFrame.GenerationMetrics m -> {
                ChatItem item = timings.remove(m.id());
                if (item != null) {
                    item.timing(m.node(), m.ttftMs(), m.tokensPerSecond());
                }
            }
            case ServerFrame.ErrorFrame e when e.id() != null -> {
                Generation g = generations.remove(e.id());
                if (g != null) {
                    g.item().publish();
                    g.item().failed(ChatItem.State.FAILED, e.message());
                    update();
                }
            }
            default -> {
            }
        }
    }

    private void finished(ServerFrame.StreamChunk done, Generation g) {
        g.item().publish();
        if (done.node() != null) {
            g.item().routed(done.node());
        }
        boolean stopped = "cancelled".equals(done.doneReason());
        if (done.usage() != null) {
            g.item().tokens(stopped ? -1 : done.usage().promptTokens(), done.usage().completionTokens());
        }
        g.item().setState(stopped ? ChatItem.State.STOPPED : ChatItem.State.DONE);
        generations.remove(done.id());
        if (done.node() != null) {
            timings.put(done.id(), g.item()); // a generation cancelled before a node answered has no metrics
        }
        update();
        if (!stopped) {
            stored.accept(g);
        }
    }

    private Optional<Generation> find(String id) {
        return Optional.ofNullable(generations.get(id));
    }

    /** Publishes the text the streaming answers received since the last call. */
    void publish() {
        for (ChatItem item : dirty) {
            item.publish();
        }
        dirty.clear();
    }

    /** Stops every answer of the conversation shown that is still coming. */
    void stopShown() {
        for (Map.Entry<String, Generation> e : generations.entrySet()) {
            if (e.getValue().conversationId().equals(shown.get())) {
                connection.send(new ClientFrame.Cancel(e.getKey()));
            }
        }
    }

    void stop(ChatItem answer) {
        answer.generationId().filter(generations::containsKey).ifPresent(id -> connection.send(new ClientFrame.Cancel(id)));
    }

    /** Whether an answer of this conversation is still coming. */
    boolean runningIn(String conversationId) {
        return generations.values().stream().anyMatch(g -> g.conversationId().equals(conversationId));
    }

    /** Sets {@link #generatingProperty()} for the conversation shown (call after showing another). */
    void update() {
        generating.set(runningIn(shown.get()));
    }

    boolean generating() {
        return generating.get();
    }

    ReadOnlyBooleanProperty generatingProperty() {
        return generating.getReadOnlyProperty();
    }
}
