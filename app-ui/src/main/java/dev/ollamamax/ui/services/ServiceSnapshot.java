package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.supervision.Supervisor;
import dev.ollamamax.ui.supervision.UsageSampler;
import java.util.List;
import java.util.Optional;

/**
 * A service's state read once, off the UI thread, with its latest CPU and memory sample and the ones before; the supervisor's pending
 * restart wins over the detail.
 */
record ServiceSnapshot(String id, String name, ManagedService.State state, Optional<Integer> port, String detail,
                       Optional<UsageSampler.Usage> usage, List<UsageSampler.Usage> history) {

    ServiceSnapshot {
        history = List.copyOf(history);
    }

    ServiceSnapshot(String id, String name, ManagedService.State state, Optional<Integer> port, String detail) {
        this(id, name, state, port, detail, Optional.empty(), List.of());
    }

    static ServiceSnapshot of(ManagedService s, Optional<Supervisor> supervisor, Optional<UsageSampler> usage) {
        String detail = supervisor.flatMap(sv -> sv.detail(s.id())).orElseGet(s::detail);
        return new ServiceSnapshot(s.id(), s.displayName(), s.state(), s.port(), detail,
                usage.flatMap(u -> u.usage(s.id())), usage.map(u -> u.history(s.id())).orElse(List.of()));
    }
}
