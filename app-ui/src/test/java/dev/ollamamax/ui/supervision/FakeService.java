package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A service whose state the test sets, recording the calls it gets (stands in for a process that crashes). */
final class FakeService implements ManagedService {

    final String id;
    final List<String> dependsOn;
    final List<String> journal;
    volatile State state = State.STOPPED;
    volatile boolean failStart;
    int starts;

    FakeService(String id, List<String> journal, String... dependsOn) {
        this.id = id;
        this.journal = journal;
        this.dependsOn = List.of(dependsOn);
    }

    FakeService(String id) {
        this(id, new ArrayList<>());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return id;
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.empty();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Integer> port() {
        return Optional.empty();
    }

    @Override
    public void start() {
        starts++;
        journal.add("start " + id);
        if (failStart) {
            state = State.CRASHED;
            throw new IllegalStateException("exit code 1");
        }
        state = State.RUNNING;
    }

    @Override
    public void stop() {
        journal.add("stop " + id);
        state = State.STOPPED;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public List<String> recentLog() {
        return List.of();
    }

    @Override
    public AutoCloseable followLog(Consumer<String> listener) {
        return () -> { };
    }
}
