package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.chat.ChatItem.State;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where an answer's generation is and where it came from: its state and why it failed, its generation id,
 * the model and the node, the {@link AnswerFigures}, and the detail line made of them. Only an answer writes
 * a detail line; the other items keep it empty.
 */
final class AnswerProgress {

    private final boolean answer;
    private final ReadOnlyObjectWrapper<State> state;
    private String node = "";
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final AnswerFigures figures = new AnswerFigures();
    private Optional<String> generationId = Optional.empty();
    private String model = "";

    AnswerProgress(boolean answer, State initial) {
        this.answer = answer;
        this.state = new ReadOnlyObjectWrapper<>(initial);
    }

    /** An answer from {@code model}, served by {@code nodeId} (empty until routed), being generated as {@code id}. */
    void from(String modelName, String nodeId, Optional<String> id) {
        model = modelName;
        node = nodeId;
        generationId = id;
        updateDetail();
    }

    /** The first piece arrived; true when that changed the state. */
    boolean streaming() {
        if (state.get() == State.SENDING || state.get() == State.QUEUED) {
            setState(State.STREAMING);
            return true;
        }
        return false;
    }

    void setState(State s) {
        state.set(s);
        updateDetail();
    }

    void routed(String nodeId) {
        node = nodeId == null ? "" : nodeId;
        updateDetail();
    }

    void timing(String nodeId, long ttft, double tps) {
        if (nodeId != null) {
            node = nodeId;
        }
        figures.timing(ttft, tps);
        updateDetail();
    }

    void tokens(long prompt, long completion) {
        figures.tokens(prompt, completion);
        updateDetail();
    }

    void failed(State how, String why) {
        error.set(why);
        setState(how);
    }

    /** Asked again as generation {@code id}: nothing of the last try is kept but the model. */
    void restart(String id) {
        generationId = Optional.of(id);
        figures.clear();
        error.set("");
        node = "";
        setState(State.SENDING);
    }

    /** Another stored answer is shown in this one's place. */
    void showing(AnswerAlternatives.Alternative a) {
        model = a.model();
        node = a.node();
        figures.clearTiming();
        error.set("");
        state.set(State.DONE);
        updateDetail();
    }

    private void updateDetail() {
        if (answer) {
            detail.set(figures.describe(model, node));
        }
    }

    /** Whether the generation is still running (or waiting to be sent); never for a question or a notice. */
    boolean active() {
        State s = state.get();
        return answer && (s == State.QUEUED || s == State.SENDING || s == State.STREAMING);
    }

    /** Whether Retry applies: the answer failed or was cut. */
    boolean retryable() {
        return answer && (state.get() == State.FAILED || state.get() == State.LOST);
    }

    State state() {
        return state.get();
    }

    ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The node that answered (empty until routed). */
    String node() {
        return node;
    }

    ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    Optional<String> generationId() {
        return generationId;
    }

    String model() {
        return model;
    }

    AnswerFigures figures() {
        return figures;
    }
}
