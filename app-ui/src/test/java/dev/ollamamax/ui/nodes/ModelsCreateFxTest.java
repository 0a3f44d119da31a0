package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeModel;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * The Models pane of the real app: "Details" shows {@code /api/show} of the selected model, "Create…" builds a
 * model from the form with its steps shown, and the new model is listed. With {@code OMX_SCREENSHOTS=<folder>}
 * it saves {@code models-create.png} there (the filled dialog beside the window after the create). The alias
 * editor adds a stored alias and deletes it ({@code models-aliases.png}).
 */
@ExtendWith(ApplicationExtension.class)
class ModelsCreateFxTest {

    @TempDir
    Path dir;

    FakeOllama node;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        node = FakeOllama.start().model(FakeModel.of("qwen2.5:0.5b").withDetails("qwen2", "494M", "Q8_0"))
                .tokenDelay(Duration.ofMillis(60));
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    @Test
    void detailsShowTheModelAndCreateBuildsANewOneWithItsSteps(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nodes");
        TableView<?> models = robot.lookup("#models-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> models.getItems().size() == 1);
        robot.interact(() -> models.getSelectionModel().select(0));

        robot.clickOn("#model-details-open");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#details-family").tryQuery().isPresent());
        assertThat(robot.lookup("#details-family").queryAs(Label.class).getText()).isEqualTo("qwen2");
        assertThat(robot.lookup("#details-quantization").queryAs(Label.class).getText()).isEqualTo("Q8_0");
        assertThat(robot.lookup("#details-context").queryAs(Label.class).getText()).isEqualTo("4,096 tokens");
        assertThat(robot.lookup("#details-template").queryAs(TextArea.class).getText()).contains("{{ .Prompt }}");
        assertThat(robot.lookup("#details-capabilities").queryAs(javafx.scene.layout.FlowPane.class).getChildren())
                .filteredOn(n -> n.getStyleClass().contains("chip")).extracting(n -> ((Label) n).getText())
                .containsExactly("completion", "embedding");
        DialogPane details = robot.lookup("#model-details").queryAs(DialogPane.class);
        robot.interact(() -> ((Button) details.lookupButton(javafx.scene.control.ButtonType.CLOSE)).fire());

        robot.clickOn("#model-create-open");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#create-name").tryQuery().isPresent());
        Button create = robot.lookup("#create-confirm").queryButton();
        assertThat(create.isDisabled()).isTrue();
        robot.clickOn("#create-name").write("bad name");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(create.isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#create-name").queryTextInputControl().setText("reviewer"));
        assertThat(robot.lookup("#create-from").queryAs(ComboBox.class).getValue()).isEqualTo("qwen2.5:0.5b");
        robot.clickOn("#create-system").write("You review Java code tersely.");
        robot.clickOn("#create-num-ctx").write("8192");
        robot.clickOn("#create-temperature").write("0.2");
        robot.clickOn("#create-modelfile").write("PARAMETER stop \"<|end|>\"");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#create-problem").queryAs(Label.class).getText()).isEmpty();
        assertThat(create.isDisabled()).isFalse();
        BufferedImage form = dev.ollamamax.ui.app.Screenshots.take(robot, robot.lookup("#create-dialog").queryAs(DialogPane.class).getScene());

        robot.clickOn("#create-confirm");

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !app.desktop().models().pulls().isEmpty());
        PullJob job = app.desktop().models().pulls().getFirst();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> job.state() == PullJob.State.DONE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> models.getItems().stream()
                .anyMatch(m -> ((ModelRow) m).name().equals("reviewer:latest")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".create-steps").queryAs(Label.class).getText())
                .isEqualTo("reading model metadata\ncreating system layer\nwriting manifest\nsuccess");
        assertThat(robot.lookup("#create-dialog").tryQuery()).isEmpty();
        assertThat(node.requests()).anyMatch(r -> r.path().equals("/api/create") && r.body().contains("\"num_ctx\":8192"));
        save("models-create.png", form, dev.ollamamax.ui.app.Screenshots.take(robot, stage.getScene()));
    }

    @Test
    void theAliasEditorAddsAndDeletesAStoredAlias(FxRobot robot) throws Exception {
        String alias = "reviewer-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        robot.clickOn("#nav-nodes");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#models-table").queryAs(TableView.class).getItems().isEmpty());
        robot.clickOn("#model-aliases-open");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#alias-name").tryQuery().isPresent());
        Button save = robot.lookup("#alias-save").queryButton();
        assertThat(save.isDisabled()).isTrue();

        robot.clickOn("#alias-name").write(alias);
        robot.clickOn("#alias-models").write("qwen2.5:32b, qwen2.5:0.5b");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#alias-save");

        TableView<?> aliases = robot.lookup("#aliases-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> aliases.getItems().stream()
                .anyMatch(a -> ((AliasRow) a).name().equals(alias) && ((AliasRow) a).chain().equals("qwen2.5:32b → qwen2.5:0.5b")));
        BufferedImage dialog = dev.ollamamax.ui.app.Screenshots.take(robot, robot.lookup("#aliases-dialog").queryAs(DialogPane.class).getScene());
        int row = aliases.getItems().stream().map(a -> ((AliasRow) a).name()).toList().indexOf(alias);
        robot.interact(() -> aliases.getSelectionModel().select(row));
        robot.clickOn("#alias-delete");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> aliases.getItems().stream()
                .noneMatch(a -> ((AliasRow) a).name().equals(alias)));
        assertThat(robot.lookup("#aliases-message").queryAs(Label.class).isVisible()).isFalse();
        save("models-aliases.png", dialog, dev.ollamamax.ui.app.Screenshots.take(robot, stage.getScene()));
    }

    /** The window with the dialog beside it, when OMX_SCREENSHOTS names a folder (docs/screenshots/models-create.png). */
    private static void save(String file, BufferedImage dialog, BufferedImage window) throws Exception {
        if (dev.ollamamax.ui.app.Screenshots.folder().isEmpty()) {
            return;
        }
        BufferedImage out = new BufferedImage(window.getWidth() + dialog.getWidth() + 16,
                Math.max(window.getHeight(), dialog.getHeight()), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(window, 0, 0, null);
        g.drawImage(dialog, window.getWidth() + 16, 0, null);
        g.dispose();
        dev.ollamamax.ui.app.Screenshots.save(out, file);
    }
}
