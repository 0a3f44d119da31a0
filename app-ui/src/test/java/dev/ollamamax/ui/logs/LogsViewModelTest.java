package dev.ollamamax.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.supervision.ListenerService;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsViewModelTest {

    final ServiceRegistry registry = new ServiceRegistry();
    final LogBuffer gatewayLog = new LogBuffer(100);

    @Test
    void showsTheGatewayLogFirstAndFollowsNewLinesInBatches() {
        gatewayLog.append("12:00:00.000 INFO    Gateway: started");
        LogsViewModel model = new LogsViewModel(registry, gatewayLog, new SameThreadUiExecutor());

        assertThat(model.selectedProperty().get().id()).isEqualTo(LogSource.GATEWAY_ID);
        assertThat(model.visibleLines()).containsExactly("12:00:00.000 INFO    Gateway: started");

        gatewayLog.append("12:00:01.000 WARNING Nodes: node a is down");
        gatewayLog.append("12:00:02.000 INFO    Nodes: node a is up");
        assertThat(model.visibleLines()).hasSize(1);
        assertThat(model.drain()).isEqualTo(2);
        assertThat(model.visibleLines()).hasSize(3);
        assertThat(model.drain()).isZero();
    }

    @Test
    void filtersCaseInsensitivelyAndCopiesWhatIsShown() {
        List.of("a INFO started", "b WARNING node DOWN", "c INFO node down again").forEach(gatewayLog::append);
        LogsViewModel model = new LogsViewModel(registry, gatewayLog, new SameThreadUiExecutor());

        model.filterProperty().set("Down");

        assertThat(model.visibleLines()).containsExactly("b WARNING node DOWN", "c INFO node down again");
        assertThat(model.copyText(List.of())).isEqualTo("b WARNING node DOWN\nc INFO node down again");
        assertThat(model.copyText(List.of("c INFO node down again"))).isEqualTo("c INFO node down again");
        model.filterProperty().set(" ");
        assertThat(model.visibleLines()).hasSize(3);
    }

    @Test
    void switchingToAServiceShowsItsLogAndStopsFollowingTheOldOne(@TempDir Path home) {
        GatewayManager gateway = new GatewayManager(DesktopGateways.ephemeral(home).build(), registry);
        LogsViewModel model = new LogsViewModel(registry, gatewayLog, new SameThreadUiExecutor());
        try {
            gateway.start();
            model.refreshSources();
            assertThat(model.sources()).extracting(LogSource::id)
                    .containsExactly("gateway", "gateway.primary", "gateway.websocket", "gateway.fallback");

            model.select(model.sources().get(1));
            assertThat(model.visibleLines()).singleElement().asString().contains("API gateway started on port");
            gatewayLog.append("not for this view");
            ((ListenerService) registry.find("gateway.primary").orElseThrow()).restart();
            model.drain();

            assertThat(model.visibleLines()).hasSize(2).noneMatch(l -> l.contains("not for this view"));
        } finally {
            model.dispose();
            gateway.close();
        }
    }

    @Test
    void keepsAtMostTheLineLimit() {
        LogBuffer big = new LogBuffer(LogsViewModel.MAX_LINES * 2);
        LogsViewModel model = new LogsViewModel(registry, big, new SameThreadUiExecutor());
        for (int i = 0; i < LogsViewModel.MAX_LINES + 250; i++) {
            big.append("line " + i);
        }
        model.drain();
        assertThat(model.totalLines()).isEqualTo(LogsViewModel.MAX_LINES);
        assertThat(model.visibleLines().get(0)).isEqualTo("line 250");
    }
}
