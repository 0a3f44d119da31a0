package dev.ollamamax.ui.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.app.DesktopFixture;
import dev.ollamamax.ui.common.GatewayStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

/**
 * The Access screen in the running desktop (auth on, signed in as the local admin): Ctrl+9 opens it, the empty
 * state explains what to do, a key created in the form shows its secret once, and a request made with it
 * appears in the usage totals. With {@code OMX_SCREENSHOTS=<folder>} it also saves {@code access.png} there.
 */
@ExtendWith(ApplicationExtension.class)
class AccessScreenFxTest {

    @TempDir
    Path dir;

    FakeOllama node;
    DesktopFixture app;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        node = FakeOllama.start().model("llama3.2").model("qwen2.5-coder:1.5b");
        app = DesktopFixture.show(stage, dir, Map.of("AUTH_ENABLED", "true", "ENABLE_LOCAL_OLLAMA", "false",
                "OLLAMA_NODES", node.url().toString()));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(app::close);
        node.close();
    }

    @Test
    void theCreateKeyFlowShowsTheSecretOnceAndItsRequestsAppearInUsage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().gateway().status().phase() == GatewayStatus.Phase.UP
                && app.desktop().gateway().feature(AuthFeature.class).flatMap(AuthFeature::localPrincipal).isPresent());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.CONTROL);
        assertThat(app.desktop().window().current().title()).isEqualTo("Access");
        TableView<?> keys = robot.lookup("#keys-table").queryAs(TableView.class);
        assertThat(((Label) keys.getPlaceholder()).getText()).as("the empty state").startsWith("No API keys yet — create one");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#usage-requests").queryAs(Label.class).getText().isEmpty()
                && app.desktop().gateway().feature(AuthFeature.class).isPresent());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        int keysBefore = keys.getItems().size();
        long requestsBefore = number(robot, "#usage-requests");
        long promptBefore = number(robot, "#usage-prompt");
        assertThat(robot.lookup("#create-key").queryButton().isDisabled()).as("a key needs a name").isTrue();

        String secret = create(robot, "notebook");
        assertThat(secret).startsWith("omx_");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> keys.getItems().size() == keysBefore + 1);
        dismiss(robot);
        assertThat(robot.lookup("#secret-pane").query().isVisible()).isFalse();
        assertThat(robot.lookup("#key-secret").queryAs(TextField.class).getText()).as("shown once").isEmpty();

        String second = create(robot, "ci-runner");
        dismiss(robot);
        for (int i = 0; i < 3; i++) {
            chat(secret, "llama3.2", "write a haiku about ports please");
        }
        chat(second, "qwen2.5-coder:1.5b", "explain this stack trace");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            robot.interact(() -> app.desktop().window().current().refresh());
            Thread.sleep(300);
            return number(robot, "#usage-requests") >= requestsBefore + 4;
        });
        assertThat(number(robot, "#usage-prompt")).isGreaterThanOrEqualTo(promptBefore + 3 * 6 + 4);
        assertThat(number(robot, "#usage-completion")).isPositive();
        assertThat(robot.lookup("#users-table").query().isVisible()).as("the local admin sees users").isTrue();
        screenshot(robot);
    }

    private static long number(FxRobot robot, String id) {
        String text = robot.lookup(id).queryAs(Label.class).getText().replace(",", "").replace("\u00a0", "");
        return Long.parseLong(text.isEmpty() ? "0" : text);
    }

    private static void dismiss(FxRobot robot) {
        robot.interact(() -> robot.lookup("#dismiss-secret").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String create(FxRobot robot, String name) throws Exception {
        // typed into the field and fired on the FX thread: in the full suite's shared Monocle stage the robot's
        // "visible" query refused the field although the screen was showing (passes alone either way)
        TextField field = robot.lookup("#key-name").queryAs(TextField.class);
        robot.interact(() -> field.setText(name));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#create-key").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#create-key").queryButton().fire());
        TextField secret = robot.lookup("#key-secret").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !secret.getText().isEmpty());
        assertThat(robot.lookup("#secret-pane").query().isVisible()).isTrue();
        return secret.getText();
    }

    private void chat(String key, String model, String prompt) throws Exception {
        URI url = app.desktop().gateway().apiBase().orElseThrow().resolve("/v1/chat/completions");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        }
    }

    /** Saves the window as docs/screenshots/access.png when OMX_SCREENSHOTS names a folder. */
    private void screenshot(FxRobot robot) throws Exception {
        dev.ollamamax.ui.app.Screenshots.save(robot, stage.getScene(), "access.png");
    }
}
