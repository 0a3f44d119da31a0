package dev.ollamamax.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ServicesScreenFxTest {

    @TempDir
    Path dir;

    DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage, dir, Map.of());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    void theRestartButtonRestartsAListenerThatThenAnswersAgain(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        robot.clickOn("#nav-services");
        TableView<?> table = robot.lookup("#services-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        int port = app.desktop().gateway().gateway().orElseThrow().port(Listener.FALLBACK).orElseThrow();
        ManagedService fallback = app.desktop().registry().find("gateway.fallback").orElseThrow();
        int linesBefore = fallback.recentLog().size();

        robot.clickOn("#restart-gateway-fallback");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fallback.recentLog().size() > linesBefore);
        assertThat(fallback.recentLog().getLast()).endsWith("Fallback endpoint restarted on port " + port);
        assertThat(fallback.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(DesktopGateways.health(port)).isEqualTo(200);
    }

    @Test
    void stopShowsTheListenerStoppedAndStartBringsItBack(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        robot.clickOn("#nav-services");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#stop-gateway-websocket").tryQuery().isPresent());
        int port = app.desktop().gateway().gateway().orElseThrow().port(Listener.WEBSOCKET).orElseThrow();

        robot.clickOn("#stop-gateway-websocket");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup(".chip").queryAllAs(javafx.scene.control.Label.class).stream()
                        .anyMatch(l -> "stopped".equals(l.getText())));
        assertThat(DesktopGateways.health(port)).isEqualTo(-1);

        robot.clickOn("#start-gateway-websocket");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> DesktopGateways.health(port) == 200);
    }
}
