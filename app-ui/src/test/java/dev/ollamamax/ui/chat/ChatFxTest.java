package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Chat screen of the real app: answered by in-test nodes, and moving to 13101 when 13100 stops. */
@ExtendWith(ApplicationExtension.class)
class ChatFxTest {

    @TempDir
    Path dir;

    FakeOllama node;
    DesktopFixture app;

    @Start
    void start(Stage stage) {
        node = FakeOllama.start().reply("llama3.2", List.of("Here", " is", " **some**", " code:\n\n", "```java\n",
                "int answer = 42;\n", "```\n"));
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    Gateway gateway() {
        return app.desktop().gateway().gateway().orElseThrow();
    }

    String chip(FxRobot robot) {
        return robot.lookup("#chat-endpoint").queryAs(Label.class).getText();
    }

    List<ChatItem> answers() {
        return app.desktop().chat().items().stream().filter(i -> i.kind() == ChatItem.Kind.ASSISTANT).toList();
    }

    @Test
    void aChatIsAnsweredByTheNodesAndTheNextAnswerComesVia13101WhenThePrimaryStops(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        robot.clickOn("#nav-chat");
        int primary = gateway().port(Listener.PRIMARY).orElseThrow();
        int websocket = gateway().port(Listener.WEBSOCKET).orElseThrow();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chip(robot).equals(primary + " · primary"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> app.desktop().chat().settingsProperty().get().model().isPresent());

        robot.clickOn("#chat-input").write("Show me some code").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> answers().size() == 1 && answers().getFirst().state() == ChatItem.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".md-code-text").tryQuery().isPresent());
        assertThat(robot.lookup(".md-code-text").queryAs(Text.class).getText()).isEqualTo("int answer = 42;");
        assertThat(robot.lookup(".md-code-lang").queryAs(Label.class).getText()).isEqualTo("java");
        assertThat(robot.lookup(".md-bold").queryAs(Text.class).getText()).isEqualTo("some");
        assertThat(answers().getFirst().node()).isEqualTo("127.0.0.1:" + node.port());

        gateway().stop(Listener.PRIMARY);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> chip(robot).equals(websocket + " · websocket"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".chat-notice").tryQuery().isPresent());
        assertThat(robot.lookup(".chat-notice").queryAs(Label.class).getText())
                .startsWith("Connection to " + primary + " lost").endsWith("failed over to " + websocket + " (websocket)");
        robot.clickOn("#chat-input").write("And again?").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> answers().size() == 2 && answers().getLast().state() == ChatItem.State.DONE);
        assertThat(answers().getLast().text()).contains("int answer = 42;");
        assertThat(chip(robot)).isEqualTo(websocket + " · websocket");
    }
}
