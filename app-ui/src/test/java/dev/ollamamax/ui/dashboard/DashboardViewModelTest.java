package dev.ollamamax.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.common.StackMonitor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardViewModelTest {

    @TempDir
    Path home;

    final ServiceRegistry registry = new ServiceRegistry();
    GatewayManager gateway;
    DashboardViewModel model;

    @BeforeEach
    void start() {
        gateway = new GatewayManager(DesktopGateways.ephemeral(home).build(), registry);
        assertThat(gateway.start()).isEmpty();
        model = new DashboardViewModel(StackMonitor.standard(gateway), registry, new SameThreadUiExecutor());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    DashboardRow row(String name) {
        return model.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsEveryServiceOfThePlanWithTheListenersOnTheirRealPorts() {
        model.refresh();

        assertThat(model.rows()).extracting(DashboardRow::name).containsExactly("API gateway", "WebSocket server",
                "Fallback endpoint", "Backend API", "Backend web", "Ollama engine", "PostgreSQL", "Redis", "Grafana",
                "Prometheus");
        int ws = gateway.gateway().orElseThrow().port(Listener.WEBSOCKET).orElseThrow();
        DashboardRow websocket = row("WebSocket server");
        assertThat(websocket.port()).isEqualTo(String.valueOf(ws));
        assertThat(websocket.state()).isEqualTo(ServiceState.UP);
        assertThat(websocket.kindProperty().get()).isEqualTo("embedded");
        assertThat(websocket.latencyProperty().get()).endsWith("ms");
        assertThat(websocket.holderProperty().get()).contains("PID " + ProcessHandle.current().pid());
        assertThat(websocket.url()).contains("http://127.0.0.1:" + ws);
        assertThat(websocket.restartableProperty().get()).isTrue();
        assertThat(row("Grafana").restartableProperty().get()).isFalse();
        assertThat(row("Grafana").webPageProperty().get()).isTrue();
        assertThat(model.summaryProperty().get()).matches("10 services · \\d+ up · \\d+ conflicts? · scanned in \\d+ ms");
    }

    @Test
    void aSecondScanUpdatesTheSameRowsInPlace() {
        model.refresh();
        List<DashboardRow> first = List.copyOf(model.rows());
        gateway.gateway().orElseThrow().stop(Listener.FALLBACK);

        model.refresh();

        assertThat(model.rows()).containsExactlyElementsOf(first);
        assertThat(row("Fallback endpoint").state()).isEqualTo(ServiceState.DOWN);
    }

    @Test
    void restartGoesToTheListenerThatRunsTheService() {
        model.refresh();
        gateway.gateway().orElseThrow().stop(Listener.FALLBACK);
        model.refresh();
        int port = Integer.parseInt(row("Fallback endpoint").port());

        model.restart(row("Fallback endpoint"));

        assertThat(model.messageProperty().get()).isEqualTo("Fallback endpoint restarted.");
        assertThat(DesktopGateways.health(port)).isEqualTo(200);
        assertThat(row("Fallback endpoint").state()).isEqualTo(ServiceState.UP);

        model.restart(row("Grafana"));
        assertThat(model.messageProperty().get()).isEqualTo("Grafana is not run by OllamaMax: restart it where it runs.");
    }
}
