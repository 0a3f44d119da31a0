package dev.ollamamax.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.ports.ProjectFolderMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The project folder chosen last time is read again at start: its stack runs with the window, its ports join the plan. */
@ExtendWith(ApplicationExtension.class)
class ProjectStackFxTest {

    @TempDir
    Path dir;

    DesktopFixture app;
    long pid;

    @Start
    void start(Stage stage) throws Exception {
        Path project = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(project.resolve(StackFile.FILE_NAME),
                "processes:\n  shop-api:\n    command: exec sleep 600\n    ports: [18443]\n");
        new ProjectFolderMemory(dir.resolve("home")).remember(project);
        app = DesktopFixture.show(stage, dir, Map.of());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("stopped with the app").isFalse();
    }

    @Test
    void theRememberedProjectsStackStartsWithTheWindow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.desktop().registry().find("stack:shop-api")
                .map(s -> s.state() == ManagedService.State.RUNNING).orElse(false));
        pid = app.desktop().registry().find("stack:shop-api").flatMap(ManagedService::pid).orElseThrow();

        assertThat(app.desktop().stack().plannedPorts()).singleElement()
                .satisfies(s -> assertThat(s.port()).isEqualTo(18443));
    }
}
