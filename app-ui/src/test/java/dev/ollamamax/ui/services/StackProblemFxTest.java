package dev.ollamamax.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.ui.app.DesktopFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A stack file with a mistake is a message on Services naming the file, line and field, not a crash. */
@ExtendWith(ApplicationExtension.class)
class StackProblemFxTest {

    @TempDir
    Path dir;

    DesktopFixture app;
    Path file;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        file = home.resolve(StackFile.FILE_NAME);
        Files.writeString(file, "processes:\n  api:\n    command: run\n    availability:\n      restart: sometimes\n");
        app = DesktopFixture.show(stage, dir, Map.of());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    void aBadStackFileIsShownOnServices(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        Label problem = robot.lookup("#stack-problem").queryAs(Label.class);

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, problem::isVisible);

        assertThat(problem.getText()).isEqualTo(file.toAbsolutePath()
                + ", line 5: processes.api.availability.restart must be always, on_failure or no");
        assertThat(app.desktop().registry().find("stack:api")).isEmpty();
    }
}
