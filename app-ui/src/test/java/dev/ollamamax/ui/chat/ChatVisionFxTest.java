package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
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

/**
 * The Chat screen with a picture and a reasoning model: a pasted picture shows as a thumbnail on the question,
 * the thinking streams into a collapsible section apart from the answer, search finds the conversation, and the
 * pencil edits the question into a branch ("2 / 2", back to "1 / 2"). With {@code OMX_SCREENSHOTS=<folder>} it
 * saves {@code chat-vision-thinking.png} there.
 */
@ExtendWith(ApplicationExtension.class)
class ChatVisionFxTest {

    @TempDir
    Path dir;
    FakeOllama node;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        node = FakeOllama.start()
                .reply("qwen3-vl", List.of("It", " is", " a **lighthouse**", " on a rocky coast, painted in", " red and white", " stripes."))
                .thinking("qwen3-vl", List.of("The", " picture", " shows", " a tall striped tower", " by the sea", " with a lamp", " at the top;",
                        " that is", " a lighthouse."));
        app = DesktopFixture.show(stage, dir, DesktopGateways.desktopNodes(node));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    List<ChatItem> items() {
        return app.desktop().chat().items();
    }

    @Test
    void aPastedPictureAndThinkingShowApartAndAnEditBranches(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP);
        robot.clickOn("#nav-chat");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.desktop().chat().settingsProperty().get().model().isPresent()
                && app.desktop().chat().statusProperty().get() == ChatViewModel.Status.CONNECTED);

        robot.clickOn("#chat-think");
        assertThat(robot.lookup("#chat-think").queryAs(ToggleButton.class).isSelected()).isTrue();
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(picture());
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#chat-input").press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".chat-attachment").tryQuery().isPresent());
        assertThat(robot.lookup("#chat-input").queryAs(TextArea.class).getText()).as("no text pasted").isEmpty();
        robot.write("What is in this picture?").type(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> items().size() == 2 && items().get(1).state() == ChatItem.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".chat-attachment").tryQuery()).as("the strip is emptied on send").isEmpty();
        assertThat(robot.lookup(".question .chat-thumbnail").tryQuery()).isPresent();
        assertThat(items().get(0).images()).hasSize(1);
        assertThat(node.chats().getLast().path("messages").get(0).path("images")).hasSize(1);
        assertThat(node.chats().getLast().path("think").asBoolean()).isTrue();
        TitledPane thinking = robot.lookup(".answer-thinking").queryAs(TitledPane.class);
        assertThat(thinking.isVisible()).isTrue();
        assertThat(thinking.getText()).isEqualTo("Thinking · 20 words");
        assertThat(thinking.isExpanded()).isFalse();
        robot.clickOn(thinking.lookup(".title"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, thinking::isExpanded);
        assertThat(((Label) thinking.getContent()).getText()).startsWith("The picture shows a tall striped tower");
        assertThat(items().get(1).text()).doesNotContain("tower");
        assertThat(items().get(1).detailProperty().get()).contains("15 tokens");

        robot.clickOn("#chat-search").write("lighthouse");
        ListView<?> results = robot.lookup("#chat-search-results").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results.isVisible() && results.getItems().stream()
                .anyMatch(h -> ((dev.ollamamax.server.conversations.SearchHit) h).conversationId()
                        .equals(app.desktop().chat().conversationIdProperty().get())));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot);

        robot.interact(() -> robot.lookup("#chat-search").queryAs(TextField.class).clear());
        node.reply("qwen3-vl", List.of("A", " lighthouse", " keeper", " would", " say: about 30 m."));
        robot.clickOn(shown(robot, ".question-edit"));
        TextArea editor = (TextArea) shown(robot, "#chat-edit-input");
        robot.interact(() -> editor.setText("How tall is this lighthouse?"));
        robot.clickOn(shown(robot, "#chat-edit-send"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> items().size() == 2 && items().get(0).versionPosition().equals("2 / 2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(items().get(1).text()).isEqualTo("A lighthouse keeper would say: about 30 m.");
        assertThat(((Label) shown(robot, ".question-position")).getText()).isEqualTo("2 / 2");
        robot.clickOn(shown(robot, ".question-tools .button"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> items().size() == 2 && items().get(0).versionPosition().equals("1 / 2"));
        assertThat(items().get(0).text()).isEqualTo("What is in this picture?");
        assertThat(items().get(1).text()).startsWith("It is a **lighthouse**");
    }

    /** The first node of the query that is on screen (the list's spare cells hold hidden copies of a cell's parts). */
    static javafx.scene.Node shown(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(ChatVisionFxTest::onScreen).findFirst()
                .orElseThrow(() -> new AssertionError("nothing on screen matches " + query));
    }

    static boolean onScreen(javafx.scene.Node n) {
        for (javafx.scene.Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** A small striped tower by the sea, drawn for the test. */
    static WritableImage picture() {
        int w = 160;
        int h = 110;
        WritableImage image = new WritableImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = y < 70 ? 0xFF9CCBEB : 0xFF2F6EA5; // sky, sea
                if (x >= 70 && x < 90 && y >= 20 && y < 85) {
                    argb = ((y - 20) / 10) % 2 == 0 ? 0xFFD7263D : 0xFFF5F5F5; // the striped tower
                }
                if (x >= 66 && x < 94 && y >= 12 && y < 20) {
                    argb = 0xFFFFD23F; // the lamp
                }
                if (y >= 85 && x > 40 && x < 120 && y < 95 + (x % 7)) {
                    argb = 0xFF5B4636; // rocks
                }
                image.getPixelWriter().setArgb(x, y, argb);
            }
        }
        return image;
    }

    /** Saves the window as docs/screenshots/chat-vision-thinking.png when OMX_SCREENSHOTS names a folder. */
    private void screenshot(FxRobot robot) throws Exception {
        dev.ollamamax.ui.app.Screenshots.save(robot, stage.getScene(), "chat-vision-thinking.png");
    }
}
