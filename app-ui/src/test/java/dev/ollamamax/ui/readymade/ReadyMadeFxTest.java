package dev.ollamamax.ui.readymade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.ui.app.DesktopFixture;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
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
 * Services > Add to stack > Prometheus, with the real Prometheus on the PATH (.ci/run installs it): the entry is
 * added to the home stack file after the user's own process, which keeps running; Prometheus starts, becomes
 * ready and scrapes this gateway's /metrics; closing the app stops it.
 */
@ExtendWith(ApplicationExtension.class)
class ReadyMadeFxTest {

    @TempDir
    Path dir;
    DesktopFixture app;
    Stage stage;
    int prometheusPort;
    long prometheusPid;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        try (ServerSocket s = new ServerSocket(0)) {
            prometheusPort = s.getLocalPort();
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(StackFile.FILE_NAME), "processes:\n  tools:\n    command: exec sleep 600\n");
        app = DesktopFixture.show(stage, dir, Map.of("PROMETHEUS_PORT", String.valueOf(prometheusPort)));
    }

    @AfterEach
    void close(FxRobot robot) {
        if (app != null) {
            robot.interact(app::close);
        }
        if (prometheusPid > 0) {
            assertThat(ProcessHandle.of(prometheusPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("Prometheus stopped with the app").isFalse();
        }
    }

    @Test
    void prometheusIsAddedStartedAndScrapesTheGateway(FxRobot robot) throws Exception {
        assumeTrue(ReadyMade.PROMETHEUS.find(System.getenv()).isPresent(), "prometheus is not on the PATH");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().gateway().apiBase().isPresent()
                && app.desktop().registry().find("stack:tools").flatMap(ManagedService::pid).isPresent());
        long tools = app.desktop().registry().find("stack:tools").flatMap(ManagedService::pid).orElseThrow();

        robot.clickOn("#nav-services");
        robot.clickOn("#add-to-stack");
        MenuItem item = robot.lookup("#add-to-stack").queryAs(javafx.scene.control.MenuButton.class).getItems().stream()
                .filter(i -> "add-prometheus".equals(i.getId())).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !item.isDisable());
        robot.clickOn("Prometheus");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.desktop().registry().find("stack:prometheus")
                .filter(s -> s.state() == ManagedService.State.RUNNING && s.detail().startsWith("ready")).isPresent());
        prometheusPid = app.desktop().registry().find("stack:prometheus").flatMap(ManagedService::pid).orElseThrow();
        assertThat(app.desktop().registry().find("stack:tools").flatMap(ManagedService::pid)).as("not restarted").contains(tools);
        assertThat(robot.lookup("#ready-made-banners .banner-success").queryAs(Label.class).getText())
                .startsWith("Prometheus added to " + dir.resolve("home").resolve(StackFile.FILE_NAME))
                .contains("port " + prometheusPort);
        assertThat(Files.readString(dir.resolve("home").resolve(StackFile.FILE_NAME)))
                .startsWith("processes:\n  tools:\n    command: exec sleep 600\n  prometheus:\n");

        URI gateway = app.desktop().gateway().apiBase().orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        JsonNode[] up = new JsonNode[1];
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/targets?state=active")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("data").path("activeTargets");
            for (JsonNode t : targets) {
                if (t.path("labels").path("job").asText().equals("ollamamax-gateway") && t.path("health").asText().equals("up")) {
                    up[0] = t;
                    return true;
                }
            }
            return false;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.desktop().stack().problems().isEmpty()
                && robot.lookup(".sparkline-memory").queryAllAs(dev.ollamamax.ui.common.Sparkline.class).stream()
                        .filter(l -> l.points().size() >= 4).count() >= 2);
        dev.ollamamax.ui.app.Screenshots.save(robot, stage.getScene(), "services-ready-made.png");
        assertThat(up[0].path("scrapeUrl").asText()).startsWith("http://").endsWith(":" + gateway.getPort() + "/metrics");
        http.close();
    }
}
