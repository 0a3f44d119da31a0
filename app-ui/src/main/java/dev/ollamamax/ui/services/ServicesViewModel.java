package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import dev.ollamamax.ui.supervision.Supervisor;
import dev.ollamamax.ui.supervision.UsageSampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Services screen: one {@link ServiceRow} per registered service, refreshed from the
 * registry off the UI thread and updated in place. Commands run the blocking service calls in the
 * background and report failures in {@link #messageProperty()}.
 */
public final class ServicesViewModel {

    private final ServiceRegistry registry;
    private final Optional<Supervisor> supervisor;
    private final UiExecutor executor;
    private final ObservableList<ServiceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ServiceRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper restartingAll = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper stackProblem = new ReadOnlyStringWrapper("");
    private volatile Supplier<List<String>> stackProblems = List::of;
    private volatile Optional<UsageSampler> usage = Optional.empty();

    public ServicesViewModel(ServiceRegistry registry, Optional<Supervisor> supervisor, UiExecutor executor) {
        this.registry = registry;
        this.supervisor = supervisor;
        this.executor = executor;
    }

    public ObservableList<ServiceRow> rows() {
        return readOnlyRows;
    }

    /** The outcome of the last command that failed, in words; empty when all went well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why a stack file ({@code ollamamax-stack.yaml}) is not used: file, line and field; empty when all are fine. */
    public ReadOnlyStringProperty stackProblemProperty() {
        return stackProblem.getReadOnlyProperty();
    }

    /** Shows each service's CPU and memory from the sampler's latest sample from now on. */
    public void showUsage(UsageSampler sampler) {
        this.usage = Optional.of(sampler);
    }

    /** Where the stack files' problems are read on every refresh (off the UI thread). */
    public void showStackProblems(Supplier<List<String>> problems) {
        this.stackProblems = problems;
    }

    public ReadOnlyBooleanProperty restartingAllProperty() {
        return restartingAll.getReadOnlyProperty();
    }

    /** Reads every service in the background and updates the rows on the UI thread. */
    public void refresh() {
        executor.submit(this::snapshot, this::apply, e -> message.set("Could not read services: " + e.getMessage()));
        executor.submit(() -> stackProblems.get(), problems -> stackProblem.set(String.join("\n", problems)),
                e -> stackProblem.set("Could not read the stack files: " + e.getMessage()));
    }

    /** Reads the registry now; call off the UI thread. */
    List<ServiceSnapshot> snapshot() {
        return registry.all().stream().map(s -> ServiceSnapshot.of(s, supervisor, usage)).toList();
    }

    /** Applies a snapshot: updates rows in place, adds new ones, drops vanished ones; keeps order. */
    void apply(List<ServiceSnapshot> snapshots) {
        Map<String, ServiceRow> existing = new HashMap<>();
        rows.forEach(r -> existing.put(r.id(), r));
        Set<String> ids = snapshots.stream().map(ServiceSnapshot::id).collect(Collectors.toSet());
        rows.removeIf(r -> !ids.contains(r.id()));
        for (int i = 0; i < snapshots.size(); i++) {
            ServiceSnapshot s = snapshots.get(i);
            ServiceRow row = existing.get(s.id());
            if (row == null) {
                row = new ServiceRow(s.id());
                row.update(s);
                rows.add(Math.min(i, rows.size()), row);
            } else {
                row.update(s);
            }
        }
    }

    public void start(ServiceRow row) {
        command(row, "start", ManagedService::start);
    }

    public void stop(ServiceRow row) {
        command(row, "stop", ManagedService::stop);
    }

    public void restart(ServiceRow row) {
        command(row, "restart", ManagedService::restart);
    }

    /** Stops everything, then starts it again, dependencies first. */
    public void restartAll() {
        restartingAll.set(true);
        message.set("");
        executor.submit(registry::restartAll, failures -> {
            restartingAll.set(false);
            message.set(String.join("\n", failures));
            refresh();
        }, e -> {
            restartingAll.set(false);
            message.set("Restart all failed: " + e.getMessage());
            refresh();
        });
    }

    private interface Action {
        void apply(ManagedService service) throws Exception;
    }

    private void command(ServiceRow row, String verb, Action action) {
        Optional<ManagedService> service = registry.find(row.id());
        if (service.isEmpty()) {
            message.set(row.name() + " is no longer registered");
            refresh();
            return;
        }
        row.setBusy(true);
        message.set("");
        executor.run(() -> action.apply(service.get()), () -> {
            row.setBusy(false);
            refresh();
        }, e -> {
            row.setBusy(false);
            message.set("Could not " + verb + " " + row.name() + ": " + e.getMessage());
            refresh();
        });
    }
}
