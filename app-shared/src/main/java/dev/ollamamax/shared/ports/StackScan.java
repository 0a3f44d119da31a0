package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.sockets.Listening;
import java.time.Duration;
import java.util.List;

/** The result of one scan: every service's status, every conflict, every listening socket, and how long it took. */
public record StackScan(List<ServiceStatus> services, List<Conflict> conflicts, List<Listening> listening,
                        Duration took) {

    public StackScan {
        services = List.copyOf(services);
        conflicts = List.copyOf(conflicts);
        listening = List.copyOf(listening);
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }
}
