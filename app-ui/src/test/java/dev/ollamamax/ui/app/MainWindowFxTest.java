package dev.ollamamax.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.ui.common.GatewayStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
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
class MainWindowFxTest {

    @TempDir
    Path dir;

    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage, dir, Map.of());
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
    }

    @Test
    void theWindowIsTitledOllamaMaxWithASidebarEntryPerScreen(FxRobot robot) throws Exception {
        assertThat(stage.getTitle()).contains("OllamaMax");
        assertThat(stage.getIcons()).isNotEmpty();
        assertThat(robot.lookup(".nav-item").queryAllAs(ToggleButton.class))
                .extracting(ToggleButton::getAccessibleText)
                .containsExactly(app.desktop().window().screens().stream().map(s -> s.title()).toArray(String[]::new))
                .contains("Services", "Settings", "Logs");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-gateway").queryLabeled().getText().startsWith("Gateway up"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#status-nodes").queryLabeled().getText().matches("nodes: \\d+/\\d+ healthy"));
    }

    @Test
    void ctrlAndANumberSwitchesScreens(FxRobot robot) {
        int settings = titles().indexOf("Settings");
        robot.press(KeyCode.CONTROL, KeyCode.getKeyCode(String.valueOf(settings + 1)))
                .release(KeyCode.getKeyCode(String.valueOf(settings + 1)), KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(app.desktop().window().current().title()).isEqualTo("Settings");
        assertThat(robot.lookup("#settings-table").tryQuery()).isPresent();
        assertThat(robot.lookup("#nav-settings").queryAs(ToggleButton.class).isSelected()).isTrue();

        robot.clickOn("#nav-logs");
        assertThat(app.desktop().window().current().title()).isEqualTo("Logs");
    }

    @Test
    void theThemeToggleSwitchesToDarkAndRemembersIt(FxRobot robot) throws Exception {
        assertThat(app.desktop().theme()).isEqualTo(Theme.LIGHT);

        robot.clickOn("#theme-toggle");

        assertThat(app.desktop().theme()).isEqualTo(Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("primer-dark");
        java.nio.file.Path saved = dir.resolve("home").resolve("settings.properties");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(saved)
                && java.nio.file.Files.readString(saved).contains("UI_THEME=dark"));
        robot.clickOn("#theme-toggle");
        assertThat(app.desktop().theme()).isEqualTo(Theme.LIGHT);
    }

    private java.util.List<String> titles() {
        return app.desktop().window().screens().stream().map(s -> s.title()).toList();
    }
}
