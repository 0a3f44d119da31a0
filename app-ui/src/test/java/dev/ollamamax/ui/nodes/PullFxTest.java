package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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

/** The Nodes screen of the real app: a node listed live, a model pulled onto it with progress to 100 %. */
@ExtendWith(ApplicationExtension.class)
class PullFxTest {

    @TempDir
    Path dir;

    FakeOllama node;
    DesktopFixture app;

    @Start
    void start(Stage stage) {
        node = FakeOllama.start().model("llama3.2").pullLayers("tinyllama", 4_000_000, 120_000)
                .tokenDelay(Duration.ofMillis(40));
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    @Test
    void aPullShowsItsProgressPerLayerUpToOneHundredPercent(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nodes");
        TableView<?> nodes = robot.lookup("#nodes-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> nodes.getItems().size() == 1
                && ((NodeRow) nodes.getItems().getFirst()).health() == NodeRow.Health.UP);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#models-table").queryAs(TableView.class).getItems().size() == 1);
        assertThat(robot.lookup("#models-title").queryAs(Label.class).getText()).isEqualTo("Models on 127.0.0.1:" + node.port());

        robot.clickOn("#pull-model-name").write("tinyllama");
        robot.clickOn("#pull-model");

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !app.desktop().models().pulls().isEmpty());
        PullJob job = app.desktop().models().pulls().getFirst();
        List<Double> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> job.overallProperty().addListener((o, was, now) -> seen.add(now.doubleValue())));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> job.state() == PullJob.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();

        ProgressBar overall = robot.lookup(".pull-overall").queryAs(ProgressBar.class);
        assertThat(overall.getProgress()).isEqualTo(1.0);
        assertThat(robot.lookup(".pull-percent").queryAs(Label.class).getText()).isEqualTo("100 %");
        assertThat(robot.lookup(".pull-layer").queryAllAs(ProgressBar.class)).hasSize(2)
                .allMatch(p -> p.getProgress() == 1.0);
        assertThat(seen).anyMatch(v -> v > 0 && v < 1.0);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#models-table").queryAs(TableView.class)
                .getItems().stream().anyMatch(m -> ((ModelRow) m).name().equals("tinyllama:latest")));
    }
}
