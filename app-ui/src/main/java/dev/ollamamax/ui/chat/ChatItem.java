package dev.ollamamax.ui.chat;

import java.util.Optional;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One entry of the conversation view: a user message, an assistant answer (with its generation's state and
 * timing), or a notice of the connection (a failover). The text of a streaming answer grows in a buffer and
 * is published once per UI pulse ({@link #publish()}), so a fast stream costs one property change per frame.
 */
public final class ChatItem {

    public enum Kind { USER, ASSISTANT, NOTICE }

    /** Where an answer is. */
    public enum State {
        /** Typed while disconnected: the client sends it once a connection is up. */
        QUEUED,
        /** Sent; no node has answered yet. */
        SENDING,
        STREAMING,
        DONE,
        /** Stopped by the user: the text so far is kept. */
        STOPPED,
        /** The gateway answered with an error. */
        FAILED,
        /** The connection was lost before the answer was complete. */
        LOST
    }

    private final Kind kind;
    private final StringBuilder buffer = new StringBuilder();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.DONE);
    private final ReadOnlyStringWrapper node = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private Optional<String> generationId = Optional.empty();
    private String model = "";
    private long ttftMs = -1;
    private double tokensPerSecond = -1;
    private boolean dirty;
    private final StringBuilder thinkingBuffer = new StringBuilder();
    private final ReadOnlyStringWrapper thinking = new ReadOnlyStringWrapper("");
    private java.util.List<String> images = java.util.List.of();
    private long promptTokens = -1;
    private long completionTokens = -1;
    /** A question's stored versions (edits), by message id, and which one is shown; empty while there is one. */
    private Versions versions = Versions.NONE;

    /** The stored versions of an edited question: message ids, oldest first, and the shown one. */
    record Versions(java.util.List<Long> ids, int shown) {
        static final Versions NONE = new Versions(java.util.List.of(), 0);
    }
    /** Every answer to this answer's question (regenerated ones), oldest first; empty while there is only one. */
    private final java.util.List<Alternative> alternatives = new java.util.ArrayList<>();
    private int alternative;

    /** One of several answers to the same question. */
    record Alternative(String text, String model, String node) {
    }

    private ChatItem(Kind kind, String text, State state) {
        this.kind = kind;
        this.buffer.append(text);
        this.text.set(text);
        this.state.set(state);
    }

    public static ChatItem user(String text) {
        return new ChatItem(Kind.USER, text, State.DONE);
    }

    /** A question with base64 pictures. */
    public static ChatItem user(String text, java.util.List<String> pictures) {
        ChatItem item = new ChatItem(Kind.USER, text, State.DONE);
        item.images = java.util.List.copyOf(pictures);
        return item;
    }

    public static ChatItem notice(String text) {
        return new ChatItem(Kind.NOTICE, text, State.DONE);
    }

    /** A stored answer. */
    public static ChatItem answer(String text, String model, String node) {
        ChatItem item = new ChatItem(Kind.ASSISTANT, text, State.DONE);
        item.model = model;
        item.node.set(node);
        item.updateDetail();
        return item;
    }

    /** An answer about to be generated. */
    static ChatItem pending(String generationId, String model, boolean connected) {
        ChatItem item = new ChatItem(Kind.ASSISTANT, "", connected ? State.SENDING : State.QUEUED);
        item.generationId = Optional.of(generationId);
        item.model = model;
        item.updateDetail();
        return item;
    }

    void append(String piece) {
        buffer.append(piece);
        dirty = true;
        if (state.get() == State.SENDING || state.get() == State.QUEUED) {
            setState(State.STREAMING);
        }
    }

    /** A piece of the model's thinking, shown apart from the answer. */
    void think(String piece) {
        thinkingBuffer.append(piece);
        dirty = true;
        if (state.get() == State.SENDING || state.get() == State.QUEUED) {
            setState(State.STREAMING);
        }
    }

    /** The stored thinking of an answer. */
    void thought(String all) {
        thinkingBuffer.setLength(0);
        thinkingBuffer.append(all == null ? "" : all);
        thinking.set(thinkingBuffer.toString());
        touch();
    }

    /** Token counts of an answer: the prompt the node read and the answer (thinking included). */
    void tokens(long prompt, long completion) {
        promptTokens = prompt;
        completionTokens = completion;
        updateDetail();
        touch();
    }

    void versions(Versions v) {
        versions = v;
        touch();
    }

    /** Publishes the text received since the last pulse; true when it changed. */
    boolean publish() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        thinking.set(thinkingBuffer.toString());
        text.set(buffer.toString());
        touch();
        return true;
    }

    void setState(State s) {
        state.set(s);
        updateDetail();
        touch();
    }

    void routed(String nodeId) {
        node.set(nodeId == null ? "" : nodeId);
        updateDetail();
    }

    void timing(String nodeId, long ttft, double tps) {
        if (nodeId != null) {
            node.set(nodeId);
        }
        ttftMs = ttft;
        tokensPerSecond = tps;
        updateDetail();
        touch();
    }

    void failed(State how, String why) {
        error.set(why);
        setState(how);
    }

    /**
     * Before a regenerate: keeps the current answer as an alternative and makes room for the new one, which
     * becomes the shown (and chosen) answer once it streams in.
     */
    void keepAsAlternative() {
        if (alternatives.isEmpty()) {
            alternatives.add(snapshot());
        } else {
            alternatives.set(alternative, snapshot());
        }
        alternatives.add(new Alternative("", model, ""));
        alternative = alternatives.size() - 1;
    }

    /** The stored answers of a reloaded conversation, with the chosen one shown. */
    void alternatives(java.util.List<Alternative> all, int chosen) {
        alternatives.clear();
        if (all.size() > 1) {
            alternatives.addAll(all);
            alternative = chosen;
        }
        touch();
    }

    /**
     * Shows answer {@code index} of the alternatives (not while generating); false when there is no such one
     * or it is already shown.
     */
    boolean showAlternative(int index) {
        if (active() || index < 0 || index >= alternatives.size() || index == alternative) {
            return false;
        }
        alternatives.set(alternative, snapshot());
        alternative = index;
        Alternative a = alternatives.get(index);
        buffer.setLength(0);
        buffer.append(a.text());
        text.set(a.text());
        model = a.model();
        node.set(a.node());
        ttftMs = -1;
        tokensPerSecond = -1;
        error.set("");
        state.set(State.DONE);
        updateDetail();
        touch();
        return true;
    }

    /** "2 / 3" when this question has several answers, else empty. */
    public String position() {
        return alternatives.size() > 1 ? (alternative + 1) + " / " + alternatives.size() : "";
    }

    public int alternative() {
        return alternative;
    }

    public int alternativeCount() {
        return Math.max(1, alternatives.size());
    }

    private Alternative snapshot() {
        return new Alternative(buffer.toString(), model, node.get());
    }

    void restartAs(String newGenerationId) {
        generationId = Optional.of(newGenerationId);
        buffer.setLength(0);
        text.set("");
        thinkingBuffer.setLength(0);
        thinking.set("");
        promptTokens = -1;
        completionTokens = -1;
        error.set("");
        ttftMs = -1;
        tokensPerSecond = -1;
        node.set("");
        setState(State.SENDING);
    }

    private void touch() {
        version.set(version.get() + 1);
    }

    private void updateDetail() {
        if (kind != Kind.ASSISTANT) {
            return;
        }
        StringBuilder d = new StringBuilder(model);
        if (!node.get().isEmpty()) {
            d.append(" · ").append(node.get());
        }
        if (ttftMs >= 0) {
            d.append(" · first token ").append(ttftMs).append(" ms");
        }
        if (tokensPerSecond >= 0) {
            d.append(" · ").append(String.format(java.util.Locale.ROOT, "%.1f", tokensPerSecond)).append(" tok/s");
        }
        if (completionTokens >= 0) {
            d.append(" · ").append(completionTokens).append(" tokens");
            if (promptTokens >= 0) {
                d.append(" (prompt ").append(promptTokens).append(')');
            }
        }
        detail.set(d.toString());
    }

    public Kind kind() {
        return kind;
    }

    /** The published text (what the view shows). */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public String text() {
        return text.get();
    }

    /** The whole text received so far, published or not. */
    String received() {
        return buffer.toString();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The node that answered (empty until routed). */
    public ReadOnlyStringProperty nodeProperty() {
        return node.getReadOnlyProperty();
    }

    public String node() {
        return node.get();
    }

    /** "model · node · first token 120 ms · 48.3 tok/s". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Why a FAILED or LOST answer ended. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Changes whenever anything the cell draws changes. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public Optional<String> generationId() {
        return generationId;
    }

    public String model() {
        return model;
    }

    public long ttftMs() {
        return ttftMs;
    }

    public double tokensPerSecond() {
        return tokensPerSecond;
    }

    /** The model's thinking (published with the text), empty when it did not think. */
    public ReadOnlyStringProperty thinkingProperty() {
        return thinking.getReadOnlyProperty();
    }

    public String thinking() {
        return thinking.get();
    }

    /** A question's pictures, base64. */
    public java.util.List<String> images() {
        return images;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    Versions versions() {
        return versions;
    }

    /** "1 / 2" when this question was edited (several stored versions), else empty. */
    public String versionPosition() {
        return versions.ids().size() > 1 ? (versions.shown() + 1) + " / " + versions.ids().size() : "";
    }

    /** Whether the generation is still running (or waiting to be sent). */
    public boolean active() {
        State s = state.get();
        return kind == Kind.ASSISTANT && (s == State.QUEUED || s == State.SENDING || s == State.STREAMING);
    }

    /** The messages a node sees before position {@code end}: questions and kept answers, no notices or failures. */
    static java.util.List<dev.ollamamax.shared.protocol.ChatMessage> conversation(java.util.List<ChatItem> items, int end) {
        java.util.List<dev.ollamamax.shared.protocol.ChatMessage> out = new java.util.ArrayList<>();
        for (ChatItem i : items.subList(0, end)) {
            if (i.kind == Kind.USER) {
                out.add(dev.ollamamax.shared.protocol.ChatMessage.user(i.received(), i.images));
            } else if (i.kind == Kind.ASSISTANT && (i.state() == State.DONE || i.state() == State.STOPPED)
                    && !i.received().isEmpty()) {
                out.add(dev.ollamamax.shared.protocol.ChatMessage.assistant(i.received()));
            }
        }
        return out;
    }

    /** Whether Retry applies: the answer failed or was cut. */
    public boolean retryable() {
        return kind == Kind.ASSISTANT && (state.get() == State.FAILED || state.get() == State.LOST);
    }
}
