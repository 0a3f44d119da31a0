package dev.ollamamax.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which service changes become notifications: a crash, and the run after a crash; not a plain start or stop. */
class AlertsTest {

    /** A service whose state the test sets, in the real registry. */
    static final class Service implements ManagedService {
        volatile State state = State.RUNNING;

        @Override public String id() { return "redis"; }
        @Override public String displayName() { return "Redis (embedded)"; }
        @Override public Optional<ServiceId> planned() { return Optional.empty(); }
        @Override public State state() { return state; }
        @Override public Optional<Integer> port() { return Optional.of(6379); }
        @Override public void start() { state = State.RUNNING; }
        @Override public void stop() { state = State.STOPPED; }
        @Override public List<String> recentLog() { return List.of(); }
        @Override public AutoCloseable followLog(Consumer<String> listener) { return () -> { }; }
    }

    @Test
    void aCrashAndTheRestartAfterItAreNotifiedButAPlainStopIsNot() throws Exception {
        ServiceRegistry registry = new ServiceRegistry();
        Service redis = new Service();
        registry.register(redis);
        List<Alerts.Alert> shown = new ArrayList<>();
        try (Alerts alerts = Alerts.manual(registry, shown::add)) {
            redis.stop();
            alerts.servicesChanged();
            redis.start();
            alerts.servicesChanged();
            assertThat(shown).isEmpty();

            redis.state = ManagedService.State.CRASHED;
            alerts.servicesChanged();
            alerts.servicesChanged();
            redis.state = ManagedService.State.RUNNING;
            alerts.servicesChanged();
            alerts.failover("Moved to 13101 (websocket): 13100 stopped answering");

            assertThat(shown).extracting(Alerts.Alert::title)
                    .containsExactly("Redis (embedded) crashed", "Redis (embedded) restarted", "Chat failover");
            assertThat(shown.getFirst().level()).isEqualTo(Alerts.Level.WARNING);
        }
    }
}
