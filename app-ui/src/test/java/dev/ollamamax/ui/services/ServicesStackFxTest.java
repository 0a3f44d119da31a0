package dev.ollamamax.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.ui.app.DesktopFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/**
 * The desktop runs the stack file in {@code OLLAMAMAX_HOME}: three real processes (one serves HTTP with a readiness
 * probe, one waits for it to be healthy, one crashes and is restarted with backoff) appear on Services with CPU
 * and memory; a process killed by hand comes back. With {@code OMX_SCREENSHOTS=<folder>} it saves
 * {@code services-stack.png} there.
 */
@ExtendWith(ApplicationExtension.class)
class ServicesStackFxTest {

    @TempDir
    Path dir;

    int webPort;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        webPort = FreePorts.nextFree("127.0.0.1", 23000);
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(StackFile.FILE_NAME), """
                processes:
                  web:
                    command: exec python3 -m http.server %d --bind 127.0.0.1
                    readiness_probe:
                      http_get: {host: 127.0.0.1, port: %d, path: /}
                      period_seconds: 1
                    ports: [%d]
                  api:
                    command: echo api up; exec sleep 600
                    depends_on:
                      web: {condition: process_healthy}
                    availability: {restart: always, backoff_seconds: 1}
                  worker:
                    command: echo working; sleep 1; exit 1
                    availability: {restart: on_failure, backoff_seconds: 1}
                """.formatted(webPort, webPort, webPort));
        stage.setWidth(1280);
        stage.setHeight(640);
        app = DesktopFixture.show(stage, dir, Map.of());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    private ManagedService service(String name) {
        return app.desktop().registry().find("stack:" + name).orElseThrow();
    }

    private Optional<ServiceRow> row(TableView<ServiceRow> table, String id) {
        return table.getItems().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private boolean sampled(ServiceRow r) {
        return r.memoryProperty().get().endsWith("B") && r.cpuProperty().get().endsWith("%");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStackRunsFromTheWindowWithCpuAndMemoryAndAKilledProcessComesBack(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        TableView<ServiceRow> table = robot.lookup("#services-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().registry().find("stack:api")
                .map(s -> s.state() == ManagedService.State.RUNNING).orElse(false));
        assertThat(service("web").state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(service("api").recentLog()).anyMatch(l -> l.endsWith("waiting for web (process_healthy)"));

        long apiPid = service("api").pid().orElseThrow();
        ProcessHandle.of(apiPid).orElseThrow().destroyForcibly();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> service("api").state() == ManagedService.State.RUNNING
                && service("api").pid().map(p -> p != apiPid).orElse(false));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> service("worker").detail().contains("restarts: 2"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(table, "stack:web").map(this::sampled).orElse(false)
                && row(table, "stack:api").map(this::sampled).orElse(false));

        assertThat(row(table, "stack:api").orElseThrow().detail()).contains("restarts: 1").contains("last exit code 137");
        assertThat(row(table, "stack:web").orElseThrow().port()).isEqualTo(String.valueOf(webPort));
        assertThat(row(table, "gateway.primary").orElseThrow().cpuProperty().get()).isEqualTo("–");
        assertThat(robot.lookup("#stack-problem").queryAs(Label.class).isVisible()).isFalse();
        // the web server's row draws its last samples: one point per sample, within the cell
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> row(table, "stack:web").orElseThrow().memoryHistoryProperty().get().size() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        int samples = row(table, "stack:web").orElseThrow().memoryHistoryProperty().get().size();
        java.util.List<dev.ollamamax.ui.common.Sparkline> lines = robot.lookup(".sparkline-memory")
                .queryAllAs(dev.ollamamax.ui.common.Sparkline.class).stream()
                .filter(l -> l.points().size() >= 2 * 3).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(l -> assertThat(l.points()).hasSizeBetween(2 * 3, 2 * (samples + 1)));
        assertThat(lines.getFirst().points()).allSatisfy(v -> assertThat(v).isBetween(0.0, 48.0));
        screenshot(robot);
    }

    /** Saves the window as docs/screenshots/services-stack.png when OMX_SCREENSHOTS names a folder. */
    private void screenshot(FxRobot robot) throws Exception {
        dev.ollamamax.ui.app.Screenshots.save(robot, stage.getScene(), "services-stack.png");
    }
}
