package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.supervision.Supervisor;
import java.util.Optional;

/** A service's state read once, off the UI thread; the supervisor's pending restart wins over the detail. */
record ServiceSnapshot(String id, String name, ManagedService.State state, Optional<Integer> port, String detail) {

    static ServiceSnapshot of(ManagedService s, Optional<Supervisor> supervisor) {
        String detail = supervisor.flatMap(sv -> sv.detail(s.id())).orElseGet(s::detail);
        return new ServiceSnapshot(s.id(), s.displayName(), s.state(), s.port(), detail);
    }
}
