package dev.ollamamax.ui.nodes;

import java.io.IOException;
import java.io.InputStream;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One pull of a model onto a node, as the Nodes screen shows it: overall and per-layer progress, the status
 * line, and {@link #cancel()}, which closes the HTTP stream (the gateway then closes the node's). Properties
 * change on the UI thread only.
 */
public final class PullJob {

    public enum State { RUNNING, DONE, FAILED, CANCELLED }

    /** A pull ({@code /api/pull}) or a create ({@code /api/create}): both stream the same kind of progress. */
    public enum Kind { PULL, CREATE }

    private final String model;
    private final String node;
    private final Kind kind;
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper overall = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("starting");
    private final ReadOnlyStringWrapper bytes = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.RUNNING);
    private final ObservableList<PullProgress.Layer> layers = FXCollections.observableArrayList();
    private volatile InputStream stream;
    private volatile boolean cancelled;

    PullJob(String model, String node) {
        this(model, node, Kind.PULL);
    }

    PullJob(String model, String node, Kind kind) {
        this.model = model;
        this.node = node;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The status lines so far that belong to no layer ({@code reading model metadata}, {@code writing manifest}, …). */
    public ObservableList<String> steps() {
        return steps;
    }

    public String model() {
        return model;
    }

    /** The id of the node that pulls. */
    public String node() {
        return node;
    }

    /** 0 to 1; -1 (indeterminate) until the first layer is known. */
    public ReadOnlyDoubleProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "1.2 GB of 4.1 GB". */
    public ReadOnlyStringProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ObservableList<PullProgress.Layer> layers() {
        return layers;
    }

    public double overall() {
        return overall.get();
    }

    public State state() {
        return state.get();
    }

    public String status() {
        return status.get();
    }

    /** Stops the pull: closes the stream it reads. Safe from any thread, idempotent. */
    public void cancel() {
        cancelled = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Hands the open stream over; closes it at once when the pull was cancelled meanwhile. */
    void streaming(InputStream in) {
        stream = in;
        if (cancelled) {
            cancel();
        }
    }

    void apply(PullProgress.Snapshot s) {
        if (state.get() != State.RUNNING) {
            return;
        }
        status.set(s.status());
        overall.set(s.layers().isEmpty() && s.phase() != PullProgress.Phase.SUCCESS ? -1 : s.overall());
        bytes.set(s.totalBytes() == 0 ? "" : Sizes.human(s.completedBytes()) + " of " + Sizes.human(s.totalBytes()));
        if (!layers.equals(s.layers())) {
            layers.setAll(s.layers());
        }
        if (!steps.equals(s.steps())) {
            steps.setAll(s.steps());
        }
    }

    void finish(PullProgress.Snapshot last) {
        apply(last);
        if (cancelled && last.phase() != PullProgress.Phase.SUCCESS) {
            state.set(State.CANCELLED);
            status.set("cancelled");
        } else if (last.phase() == PullProgress.Phase.SUCCESS) {
            overall.set(1.0);
            state.set(State.DONE);
        } else {
            state.set(State.FAILED);
            status.set(last.error().orElse(last.status()));
        }
    }

    void fail(String why) {
        if (cancelled) {
            state.set(State.CANCELLED);
            status.set("cancelled");
        } else {
            state.set(State.FAILED);
            status.set(why);
        }
    }
}
