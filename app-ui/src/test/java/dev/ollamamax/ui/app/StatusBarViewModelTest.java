package dev.ollamamax.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.GatewayStatus;
import dev.ollamamax.ui.common.NodeSummary;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusBarViewModelTest {

    @TempDir
    Path home;

    @Test
    void showsGatewayPortsNodesAndStreams() {
        try (GatewayManager gateway = new GatewayManager(DesktopGateways.ephemeral(home).build(), new ServiceRegistry())) {
            StatusBarViewModel model = new StatusBarViewModel(gateway, new SameThreadUiExecutor());
            model.refresh();
            assertThat(model.phaseProperty().get()).isEqualTo(GatewayStatus.Phase.STOPPED);
            assertThat(model.nodesTextProperty().get()).isEqualTo("nodes: –");

            gateway.start();
            model.refresh();
            int primary = gateway.gateway().orElseThrow().port(Listener.PRIMARY).orElseThrow();
            assertThat(model.phaseProperty().get()).isEqualTo(GatewayStatus.Phase.UP);
            assertThat(model.gatewayTextProperty().get()).startsWith("Gateway up  :" + primary + " :");
            assertThat(model.streamsTextProperty().get()).isEqualTo("streams: 0");

            Gauge streams = gateway.gateway().orElseThrow().context().meters().find("ollamamax.streams.in_flight").gauge();
            assertThat(streams).as("the gateway registers the streams gauge").isNotNull();
            model.setNodeSummary(() -> new NodeSummary(2, 3));
            assertThat(model.streamsTextProperty().get()).isEqualTo("streams: " + (int) streams.value());
            assertThat(model.nodesTextProperty().get()).isEqualTo("nodes: 2/3 healthy");

            gateway.gateway().orElseThrow().stop(Listener.FALLBACK);
            model.refresh();
            assertThat(model.phaseProperty().get()).isEqualTo(GatewayStatus.Phase.PARTIAL);
            assertThat(model.gatewayTextProperty().get()).endsWith("(1 down)");
        }
    }

    @Test
    void aTakenPortLeavesTheOtherListenersUpAndSaysWhich() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             GatewayManager gateway = new GatewayManager(DesktopGateways.ephemeral(home)
                     .set(dev.ollamamax.shared.config.Setting.WS_PORT, String.valueOf(taken.getLocalPort())).build(),
                     new ServiceRegistry())) {
            assertThat(gateway.start()).singleElement().asString()
                    .contains("WebSocket server cannot listen on 127.0.0.1:" + taken.getLocalPort());
            StatusBarViewModel model = new StatusBarViewModel(gateway, new SameThreadUiExecutor());
            model.refresh();
            assertThat(model.phaseProperty().get()).isEqualTo(GatewayStatus.Phase.PARTIAL);
            assertThat(model.gatewayDetailProperty().get()).contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
