package dev.ollamamax.ui.chat;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * One entry of the conversation view: a user message (with its pictures and edited versions), an assistant
 * answer (with its generation's state, thinking, figures and regenerated alternatives), or a notice of the
 * connection (a failover). The text of a streaming answer grows in a buffer and is published once per UI
 * pulse ({@link #publish()}), so a fast stream costs one property change per frame.
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
    private final StreamedText text;
    private final StreamedText thinking = new StreamedText("");
    private final AnswerProgress progress;
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private final AnswerAlternatives alternatives = new AnswerAlternatives();
    private boolean dirty;
    private List<String> images = List.of();
    /** A question's stored versions (edits); {@link QuestionVersions#NONE} while there is one. */
    private QuestionVersions versions = QuestionVersions.NONE;

    private ChatItem(Kind kind, String text, State state) {
        this.kind = kind;
        this.text = new StreamedText(text);
        this.progress = new AnswerProgress(kind == Kind.ASSISTANT, state);
    }

    /** A question with base64 pictures. */
    public static ChatItem user(String text, List<String> pictures) {
        ChatItem item = new ChatItem(Kind.USER, text, State.DONE);
        item.images = List.copyOf(pictures);
        return item;
    }

    public static ChatItem notice(String text) {
        return new ChatItem(Kind.NOTICE, text, State.DONE);
    }

    /** A stored answer. */
    public static ChatItem answer(String text, String model, String node) {
        ChatItem item = new ChatItem(Kind.ASSISTANT, text, State.DONE);
        item.progress.from(model, node, Optional.empty());
        return item;
    }

    /** An answer about to be generated. */
    static ChatItem pending(String generationId, String model, boolean connected) {
        ChatItem item = new ChatItem(Kind.ASSISTANT, "", connected ? State.SENDING : State.QUEUED);
        item.progress.from(model, "", Optional.of(generationId));
        return item;
    }

    void append(String piece) {
        text.append(piece);
        streaming();
    }

    /** A piece of the model's thinking, shown apart from the answer. */
    void think(String piece) {
        thinking.append(piece);
        streaming();
    }

    private void streaming() {
        dirty = true;
        if (progress.streaming()) {
            touch();
        }
    }

    /** The stored thinking of an answer. */
    void thought(String all) {
        thinking.set(all == null ? "" : all);
        touch();
    }

    /** Token counts of an answer: the prompt the node read and the answer (thinking included). */
    void tokens(long prompt, long completion) {
        progress.tokens(prompt, completion);
        touch();
    }

    void versions(QuestionVersions v) {
        versions = v;
        touch();
    }

    /** Publishes the text received since the last pulse; true when it changed. */
    boolean publish() {
        if (!dirty) {
            return false;
        }
        dirty = false;
        thinking.publish();
        text.publish();
        touch();
        return true;
    }

    void setState(State s) {
        progress.setState(s);
        touch();
    }

    void routed(String nodeId) {
        progress.routed(nodeId);
    }

    void timing(String nodeId, long ttft, double tps) {
        progress.timing(nodeId, ttft, tps);
        touch();
    }

    void failed(State how, String why) {
        progress.failed(how, why);
        touch();
    }

    /** Before a regenerate: keeps this answer as an alternative; the new one is shown once it streams in. */
    void keepAsAlternative() {
        alternatives.keep(snapshot());
    }

    /** The stored answers of a reloaded conversation, with the chosen one shown. */
    void alternatives(List<AnswerAlternatives.Alternative> all, int chosen) {
        alternatives.set(all, chosen);
        touch();
    }

    /**
     * Shows answer {@code index} of the alternatives (not while generating); false when there is no such one
     * or it is already shown.
     */
    boolean showAlternative(int index) {
        Optional<AnswerAlternatives.Alternative> shown = active() ? Optional.empty() : alternatives.show(index, snapshot());
        shown.ifPresent(a -> {
            text.set(a.text());
            progress.showing(a);
            touch();
        });
        return shown.isPresent();
    }

    private AnswerAlternatives.Alternative snapshot() {
        return new AnswerAlternatives.Alternative(text.received(), progress.model(), progress.node());
    }

    void restartAs(String newGenerationId) {
        text.set("");
        thinking.set("");
        progress.restart(newGenerationId);
        touch();
    }

    private void touch() {
        version.set(version.get() + 1);
    }

    /** "2 / 3" when this question has several answers, else empty. */
    public String position() {
        return alternatives.position();
    }

    public int alternative() {
        return alternatives.shown();
    }

    public int alternativeCount() {
        return alternatives.count();
    }

    public Kind kind() {
        return kind;
    }

    /** The published text (what the view shows). */
    public ReadOnlyStringProperty textProperty() {
        return text.property();
    }

    public String text() {
        return text.get();
    }

    /** The whole text received so far, published or not. */
    String received() {
        return text.received();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return progress.stateProperty();
    }

    public State state() {
        return progress.state();
    }

    /** The node that answered (empty until routed). */
    public String node() {
        return progress.node();
    }

    /** "model · node · first token 120 ms · 48.3 tok/s". */
    public ReadOnlyStringProperty detailProperty() {
        return progress.detailProperty();
    }

    /** Why a FAILED or LOST answer ended. */
    public ReadOnlyStringProperty errorProperty() {
        return progress.errorProperty();
    }

    /** Changes whenever anything the cell draws changes. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public Optional<String> generationId() {
        return progress.generationId();
    }

    public String model() {
        return progress.model();
    }

    public long ttftMs() {
        return progress.figures().ttftMs();
    }

    public double tokensPerSecond() {
        return progress.figures().tokensPerSecond();
    }

    /** The model's thinking (published with the text), empty when it did not think. */
    public String thinking() {
        return thinking.get();
    }

    /** A question's pictures, base64. */
    public List<String> images() {
        return images;
    }

    public long completionTokens() {
        return progress.figures().completionTokens();
    }

    QuestionVersions versions() {
        return versions;
    }

    /** "1 / 2" when this question was edited (several stored versions), else empty. */
    public String versionPosition() {
        return versions.position();
    }

    /** Whether the generation is still running (or waiting to be sent). */
    public boolean active() {
        return progress.active();
    }

    /** Whether Retry applies: the answer failed or was cut. */
    public boolean retryable() {
        return progress.retryable();
    }
}
