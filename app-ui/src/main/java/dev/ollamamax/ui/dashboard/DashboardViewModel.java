package dev.ollamamax.ui.dashboard;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.shared.ports.ServiceStatus;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.ui.common.StackMonitor;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Dashboard: one row per service of the plan, updated in place from each scan (so the
 * table never flickers); at most one scan runs at a time. Restart goes to the {@link ManagedService}
 * that runs the row's service, when the panel runs it.
 */
public final class DashboardViewModel {

    private final StackMonitor monitor;
    private final ServiceRegistry registry;
    private final UiExecutor executor;
    private final ObservableList<DashboardRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DashboardRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Scanning…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final AtomicBoolean scanning = new AtomicBoolean();

    public DashboardViewModel(StackMonitor monitor, ServiceRegistry registry, UiExecutor executor) {
        this.monitor = monitor;
        this.registry = registry;
        this.executor = executor;
    }

    public ObservableList<DashboardRow> rows() {
        return readOnlyRows;
    }

    /** "10 services · 4 up · 1 conflict · scanned in 38 ms". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Scans in the background unless a scan is already running. */
    public void refresh() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        executor.submit(monitor::scan, scan -> {
            scanning.set(false);
            apply(scan);
        }, e -> {
            scanning.set(false);
            summary.set("Scan failed: " + e.getMessage());
        });
    }

    void apply(StackScan scan) {
        Map<String, DashboardRow> existing = new HashMap<>();
        rows.forEach(r -> existing.put(r.key(), r));
        List<ServiceStatus> statuses = scan.services();
        Set<String> keys = statuses.stream().map(s -> DashboardRow.keyOf(s.service())).collect(Collectors.toSet());
        rows.removeIf(r -> !keys.contains(r.key()));
        for (int i = 0; i < statuses.size(); i++) {
            ServiceStatus s = statuses.get(i);
            String key = DashboardRow.keyOf(s.service());
            DashboardRow row = existing.get(key);
            if (row == null) {
                row = new DashboardRow(key);
                row.update(s);
                rows.add(Math.min(i, rows.size()), row);
            } else {
                row.update(s);
            }
            row.setRestartable(managed(row).isPresent());
        }
        long up = statuses.stream().filter(s -> s.state() == ServiceState.UP).count();
        int conflicts = scan.conflicts().size();
        summary.set(statuses.size() + " services · " + up + " up · " + conflicts
                + (conflicts == 1 ? " conflict" : " conflicts") + " · scanned in " + scan.took().toMillis() + " ms");
    }

    /** The service the panel runs for this row, if it runs one. */
    public Optional<ManagedService> managed(DashboardRow row) {
        return registry.all().stream().filter(s -> s.planned().filter(id -> id == row.serviceId()).isPresent())
                .findFirst();
    }

    public boolean canRestart(DashboardRow row) {
        return managed(row).isPresent();
    }

    public void restart(DashboardRow row) {
        Optional<ManagedService> service = managed(row);
        if (service.isEmpty()) {
            message.set(row.name() + " is not run by OllamaMax: restart it where it runs.");
            return;
        }
        message.set("Restarting " + row.name() + "…");
        executor.run(() -> service.get().restart(), () -> {
            message.set(row.name() + " restarted.");
            refresh();
        }, e -> message.set("Could not restart " + row.name() + ": " + e.getMessage()));
    }
}
