package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeModel;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
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
 * The model memory panel of the Nodes screen: the loaded model with its size in VRAM, context and time until
 * unload; Keep loaded, Preload and Unload change what the node holds. With {@code OMX_SCREENSHOTS=<folder>} it
 * saves {@code memory.png} there.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryFxTest {

    @TempDir
    Path dir;
    FakeOllama node;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        node = FakeOllama.start().model(FakeModel.of("llama3.2").withSize(2_019_393_189L))
                .model(FakeModel.of("qwen3:8b").withSize(5_225_388_032L)).loaded("llama3.2");
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    @SuppressWarnings("unchecked")
    @Test
    void loadedModelsShowWithTheirMemoryAndKeepPreloadAndUnloadChangeThem(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nodes");
        TableView<LoadedModel> table = robot.lookup("#memory-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        LoadedModel llama = table.getItems().getFirst();
        assertThat(llama.name()).isEqualTo("llama3.2:latest");
        assertThat(robot.lookup("#memory-totals").queryAs(Label.class).getText()).isEqualTo("1 model loaded · 2.02 GB in VRAM · 0 B in RAM");

        // the row's cells render on the next pulse after the item arrives
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".memory-keep").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".memory-keep").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1
                && table.getItems().getFirst().keptLoaded(java.time.Instant.now()));

        ComboBox<String> choice = robot.lookup("#memory-preload-model").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> choice.getItems().contains("qwen3:8b"));
        robot.interact(() -> choice.setValue("qwen3:8b"));
        robot.clickOn("#memory-preload");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2
                && robot.lookup(".memory-unload").queryAllAs(Button.class).stream().anyMatch(b -> "qwen3:8b".equals(rowOf(b))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#memory-totals").queryAs(Label.class).getText()).isEqualTo("2 models loaded · 7.24 GB in VRAM · 0 B in RAM");
        screenshot(robot);

        robot.clickOn(robot.lookup(".memory-unload").queryAllAs(Button.class).stream()
                .filter(b -> b.isVisible() && "qwen3:8b".equals(rowOf(b))).findFirst().orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(table.getItems().getFirst().name()).isEqualTo("llama3.2:latest");
    }

    /** The model of the table row a cell's button sits in (cells are reused, so lookup order is not row order). */
    private static String rowOf(javafx.scene.Node button) {
        for (javafx.scene.Node n = button; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.TableRow<?> row && row.getItem() instanceof LoadedModel m) {
                return m.name();
            }
        }
        return null;
    }

    /** Saves the window as docs/screenshots/memory.png when OMX_SCREENSHOTS names a folder. */
    private void screenshot(FxRobot robot) throws Exception {
        dev.ollamamax.ui.app.Screenshots.save(robot, stage.getScene(), "memory.png");
    }
}
