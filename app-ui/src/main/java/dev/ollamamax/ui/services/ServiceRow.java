package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.supervision.UsageSampler;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the Services table; updated in place on every refresh so the table never flickers. */
public final class ServiceRow {

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ManagedService.State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper port = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<List<Double>> cpuHistory = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Double>> memoryHistory = new ReadOnlyObjectWrapper<>(List.of());

    ServiceRow(String id) {
        this.id = id;
    }

    void update(ServiceSnapshot s) {
        name.set(s.name());
        state.set(s.state());
        port.set(s.port().map(String::valueOf).orElse("–"));
        detail.set(s.detail());
        cpu.set(UsageText.cpu(s.usage()));
        memory.set(UsageText.memory(s.usage()));
        cpuHistory.set(s.history().stream().map(UsageSampler.Usage::cpuPercent).toList());
        memoryHistory.set(s.history().stream().map(u -> (double) u.residentBytes()).toList());
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

    public ReadOnlyObjectProperty<ManagedService.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    /** CPU of its process and children, percent of one core; "–" without a process of its own. */
    public ReadOnlyStringProperty cpuProperty() {
        return cpu.getReadOnlyProperty();
    }

    /** Resident memory of its process and children. */
    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** The CPU samples of the last two minutes, oldest first, for the sparkline. */
    public ReadOnlyObjectProperty<List<Double>> cpuHistoryProperty() {
        return cpuHistory.getReadOnlyProperty();
    }

    /** The resident-memory samples (bytes) of the last two minutes, oldest first, for the sparkline. */
    public ReadOnlyObjectProperty<List<Double>> memoryHistoryProperty() {
        return memoryHistory.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** True while a start, stop or restart of this service runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ManagedService.State state() {
        return state.get();
    }

    public String detail() {
        return detail.get();
    }

    public String port() {
        return port.get();
    }

    public String name() {
        return name.get();
    }
}
