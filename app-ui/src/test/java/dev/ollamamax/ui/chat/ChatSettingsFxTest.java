package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
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

/** The chat's settings pane: context window and stop sequences reach the node; a preset is saved to its file and applied. */
@ExtendWith(ApplicationExtension.class)
class ChatSettingsFxTest {

    @TempDir
    Path dir;
    FakeOllama node;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        node = FakeOllama.start().reply("llama3.2", List.of("ok"));
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    ChatOptions options() {
        return app.desktop().chat().settingsProperty().get().options();
    }

    @SuppressWarnings("unchecked")
    @Test
    void optionsGoToTheNodeAndAPresetIsSavedAndApplied(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        robot.clickOn("#nav-chat");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.desktop().chat().settingsProperty().get().model().isPresent()
                && app.desktop().chat().statusProperty().get() == ChatViewModel.Status.CONNECTED);
        robot.interact(() -> stage.setHeight(520)); // a laptop-sized window: the options sit below the fold
        robot.clickOn("#chat-settings-toggle");
        robot.interact(() -> {
            robot.lookup("#chat-num-ctx-on").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#chat-num-ctx").queryAs(Spinner.class).getValueFactory().setValue(16384);
        });
        // The field sits below the fold on a small screen: focus scrolls it into view, as Tab would.
        robot.interact(() -> robot.lookup("#chat-stop-sequences").query().requestFocus());
        robot.clickOn("#chat-stop-sequences").write("User:, \\n\\n").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> options().numCtx().equals(Optional.of(16384))
                && options().stop().equals(List.of("User:", "\n\n")));

        robot.clickOn("#chat-input").write("hi").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !node.chats().isEmpty());
        assertThat(node.chats().getLast().path("options").path("num_ctx").asInt()).isEqualTo(16384);
        assertThat(node.chats().getLast().path("options").path("stop").toString()).isEqualTo("[\"User:\",\"\\n\\n\"]");

        robot.interact(() -> robot.lookup("#chat-preset-save").query().requestFocus());
        robot.clickOn("#chat-preset-save");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane dialog = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        robot.interact(() -> {
            ((TextField) dialog.lookup(".text-field")).setText("Long context");
            ((javafx.scene.control.Button) dialog.lookupButton(javafx.scene.control.ButtonType.OK)).fire();
        });
        ComboBox<String> presets = robot.lookup("#chat-presets").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> presets.getItems().contains("Long context"));
        Path file = dev.ollamamax.shared.config.AppHome.resolve(app.desktop().gateway().config()).resolve("chat-presets.json");
        assertThat(Files.readString(file)).contains("\"Long context\"").contains("\"num_ctx\" : 16384").doesNotContain("llama3.2");

        robot.interact(() -> robot.lookup("#chat-num-ctx-on").queryAs(CheckBox.class).setSelected(false));
        robot.interact(() -> robot.lookup("#chat-stop-sequences").queryAs(TextField.class).setText(""));
        robot.interact(() -> app.desktop().chat().setSettings(app.desktop().chat().settingsProperty().get()
                .withOptions(ChatOptions.defaults())));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> options().numCtx().isEmpty());
        robot.interact(() -> presets.setValue("Long context"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> options().numCtx().equals(Optional.of(16384)));
        assertThat(options().stop()).containsExactly("User:", "\n\n");
        assertThat(robot.lookup("#chat-num-ctx-on").queryAs(CheckBox.class).isSelected()).isTrue();
    }
}
