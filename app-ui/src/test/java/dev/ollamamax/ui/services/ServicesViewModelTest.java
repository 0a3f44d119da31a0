package dev.ollamamax.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import dev.ollamamax.ui.supervision.Supervisor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesViewModelTest {

    @TempDir
    Path home;

    final ServiceRegistry registry = new ServiceRegistry();
    GatewayManager gateway;
    ServicesViewModel model;

    @BeforeEach
    void startGateway() {
        gateway = new GatewayManager(DesktopGateways.ephemeral(home).build(), registry);
        assertThat(gateway.start()).isEmpty();
        model = new ServicesViewModel(registry, Optional.empty(), new SameThreadUiExecutor());
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    ServiceRow row(String id) {
        return model.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryListenerAsARunningServiceWithItsPort() {
        model.refresh();

        assertThat(model.rows()).extracting(ServiceRow::id)
                .containsExactly("gateway.primary", "gateway.websocket", "gateway.fallback");
        assertThat(model.rows()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(ManagedService.State.RUNNING);
            assertThat(r.port()).matches("\\d+");
        });
        assertThat(row("gateway.primary").name()).isEqualTo("API gateway");
    }

    @Test
    void stoppingAServiceUpdatesItsRowInPlace() {
        model.refresh();
        ServiceRow ws = row("gateway.websocket");
        int port = Integer.parseInt(ws.port());

        model.stop(ws);

        assertThat(row("gateway.websocket")).isSameAs(ws);
        assertThat(ws.state()).isEqualTo(ManagedService.State.STOPPED);
        assertThat(ws.busyProperty().get()).isFalse();
        assertThat(DesktopGateways.health(port)).isEqualTo(-1);

        model.start(ws);
        assertThat(ws.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(DesktopGateways.health(port)).isEqualTo(200);
    }

    @Test
    void restartAllBringsEveryListenerBackOnItsPort() {
        model.refresh();
        List<String> ports = model.rows().stream().map(ServiceRow::port).toList();

        model.restartAll();

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.restartingAllProperty().get()).isFalse();
        assertThat(model.rows()).extracting(ServiceRow::port).containsExactlyElementsOf(ports);
        ports.forEach(p -> assertThat(DesktopGateways.health(Integer.parseInt(p))).isEqualTo(200));
    }

    @Test
    void aServiceThatCrashedShowsWhenTheSupervisorRestartsIt() {
        CrashingService crashed = new CrashingService();
        registry.register(crashed);
        Supervisor supervisor = Supervisor.standard(registry);
        supervisor.tick();
        model = new ServicesViewModel(registry, Optional.of(supervisor), new SameThreadUiExecutor());

        model.refresh();

        ServiceRow row = row("ollama:11500");
        assertThat(row.state()).isEqualTo(ManagedService.State.CRASHED);
        assertThat(row.detail()).isEqualTo("restarting in 1 s");
        assertThat(row.port()).isEqualTo("–");
    }

    @Test
    void aServiceThatDisappearsLeavesTheTable() {
        model.refresh();
        registry.unregister("gateway.fallback");
        model.refresh();
        assertThat(model.rows()).extracting(ServiceRow::id).containsExactly("gateway.primary", "gateway.websocket");
    }

    @Test
    void aFailedCommandIsReportedInWords() {
        CrashingService crashed = new CrashingService();
        registry.register(crashed);
        model.refresh();

        model.start(row("ollama:11500"));

        assertThat(model.messageProperty().get()).isEqualTo("Could not start Ollama (11500): ollama exited with code 1");
    }

    /** A managed process that exits at once, as a broken {@code ollama serve} would. */
    static final class CrashingService implements ManagedService {
        @Override
        public String id() {
            return "ollama:11500";
        }

        @Override
        public String displayName() {
            return "Ollama (11500)";
        }

        @Override
        public Optional<dev.ollamamax.shared.ports.ServiceId> planned() {
            return Optional.empty();
        }

        @Override
        public State state() {
            return State.CRASHED;
        }

        @Override
        public Optional<Integer> port() {
            return Optional.empty();
        }

        @Override
        public void start() {
            throw new IllegalStateException("ollama exited with code 1");
        }

        @Override
        public void stop() {
        }

        @Override
        public List<String> recentLog() {
            return List.of("Error: listen tcp 127.0.0.1:11500: bind: address already in use");
        }

        @Override
        public AutoCloseable followLog(Consumer<String> listener) {
            return () -> { };
        }
    }
}
