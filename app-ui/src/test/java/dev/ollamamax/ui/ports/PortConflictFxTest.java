package dev.ollamamax.ui.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayStatus;
import dev.ollamamax.ui.common.PortHolder;
import dev.ollamamax.ui.dashboard.DashboardRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window: a port of the plan held by another process is shown, then resolved by the move action. */
@ExtendWith(ApplicationExtension.class)
class PortConflictFxTest {

    @TempDir
    static Path dir;

    static PortHolder holder;

    DesktopFixture app;

    @BeforeAll
    static void holdTheFallbackPort() throws Exception {
        holder = PortHolder.start();
        Files.writeString(dir.resolve(".env"), "# app settings\nFALLBACK_PORT=" + holder.port() + "\n");
    }

    @AfterAll
    static void release() throws Exception {
        holder.close();
    }

    @Start
    void start(Stage stage) {
        app = DesktopFixture.showExactly(stage, dir, Map.of("PORT", "0", "WS_PORT", "0"));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardShowsTheConflictAndTheMoveActionResolvesIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.PARTIAL);
        int held = holder.port();

        robot.clickOn("#nav-dashboard");
        TableView<DashboardRow> table = robot.lookup("#dashboard-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.name().equals("Fallback endpoint") && r.state() == ServiceState.CONFLICT));
        assertThat(table.getItems()).extracting(DashboardRow::name).contains("API gateway", "WebSocket server",
                "Fallback endpoint", "Backend API", "Backend web", "Ollama engine", "PostgreSQL", "Redis", "Grafana",
                "Prometheus");
        DashboardRow fallback = table.getItems().stream().filter(r -> r.name().equals("Fallback endpoint")).findFirst()
                .orElseThrow();
        assertThat(fallback.port()).isEqualTo(String.valueOf(held));
        assertThat(fallback.holderProperty().get()).contains("PID " + holder.pid());

        robot.clickOn("#nav-ports");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#fix-move-" + held).tryQuery().isPresent());
        String preview = robot.lookup("#fix-preview-" + held).queryAs(Label.class).getText();
        assertThat(preview).startsWith("FALLBACK_PORT: " + held + " → ").contains(dir.resolve(".env").toString());
        assertThat(Files.readString(dir.resolve(".env"))).contains("FALLBACK_PORT=" + held);

        javafx.scene.control.Button move = robot.lookup("#fix-move-" + held).queryButton();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> move.getScene() != null && !move.isDisabled());
        robot.clickOn(move);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        int moved = app.desktop().gateway().gateway().orElseThrow().port(Listener.FALLBACK).orElseThrow();
        assertThat(moved).isNotEqualTo(held);
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo("# app settings\nFALLBACK_PORT=" + moved + "\n");
        assertThat(DesktopGateways.health(moved)).isEqualTo(200);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#conflict-" + held).tryQuery().isEmpty());
        assertThat(holder.isAlive()).as("the holder is left alone by a move").isTrue();
    }
}
