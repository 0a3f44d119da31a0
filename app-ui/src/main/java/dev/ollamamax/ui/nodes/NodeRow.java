package dev.ollamamax.ui.nodes;

import dev.ollamamax.server.nodes.NodeSnapshot;
import dev.ollamamax.server.nodes.NodeStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One node of the Nodes table; {@link #update} changes it in place so the table never flickers. */
public final class NodeRow {

    /** What the status chip says. */
    public enum Health { UP, DOWN, UNKNOWN, DRAINING }

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(Health.UNKNOWN);
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("–");
    private final ReadOnlyIntegerWrapper models = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper loaded = new ReadOnlyStringWrapper("–");
    private final ReadOnlyIntegerWrapper inFlight = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper draining = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    NodeRow(String id) {
        this.id = id;
    }

    void update(NodeSnapshot s) {
        name.set(s.name());
        url.set(s.url().toString());
        health.set(s.draining() ? Health.DRAINING : switch (s.status()) {
            case UP -> Health.UP;
            case DOWN -> Health.DOWN;
            case UNKNOWN -> Health.UNKNOWN;
        });
        version.set(s.version().orElse("–"));
        models.set(s.models().size());
        loaded.set(s.loaded().isEmpty() ? "–" : String.join(", ", s.loaded()));
        inFlight.set(s.inFlight());
        latency.set(s.latencyMs() < 0 || s.status() != NodeStatus.UP ? "–" : s.latencyMs() + " ms");
        error.set(s.lastError().orElse(""));
        draining.set(s.draining());
    }

    void setBusy(boolean value) {
        busy.set(value);
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty modelsProperty() {
        return models.getReadOnlyProperty();
    }

    /** Models loaded in memory ({@code /api/ps}), comma-separated. */
    public ReadOnlyStringProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    /** Why the last probe or request failed; empty while healthy. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty drainingProperty() {
        return draining.getReadOnlyProperty();
    }

    /** True while a remove or drain of this node runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public String url() {
        return url.get();
    }

    public Health health() {
        return health.get();
    }

    public String version() {
        return version.get();
    }

    public int models() {
        return models.get();
    }

    public String loaded() {
        return loaded.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public boolean draining() {
        return draining.get();
    }
}
