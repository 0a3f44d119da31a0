package dev.ollamamax.ui.app;

import dev.ollamamax.server.process.ExitPaths;
import dev.ollamamax.ui.common.FxUiExecutor;
import dev.ollamamax.ui.supervision.LogRingHandler;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * The JavaFX application. {@link #init()} (off the FX thread) installs the log buffer and reads the
 * configuration; {@link #start(Stage)} shows the window first, then starts the gateway in the background;
 * {@link #stop()} stops it.
 */
public final class OllamaMaxApp extends Application {

    private static final Logger LOG = Logger.getLogger(OllamaMaxApp.class.getName());

    private LogRingHandler log;
    private DesktopConfig config;
    private Optional<String> configError = Optional.empty();
    private FxUiExecutor executor;
    private DesktopApp desktop;
    private Thread exitHook;

    @Override
    public void init() {
        log = LogRingHandler.install(LogRingHandler.DEFAULT_CAPACITY);
        try {
            config = DesktopConfig.load(Path.of("").toAbsolutePath(), System.getenv(),
                    DesktopConfig.commandLine(getParameters().getNamed()));
            dev.ollamamax.server.ops.LogLevels.apply(config.config());
        } catch (RuntimeException e) {
            configError = Optional.of(e.getMessage());
        }
    }

    @Override
    public void start(Stage stage) {
        if (configError.isPresent()) {
            Alert alert = new Alert(Alert.AlertType.ERROR, configError.get());
            alert.setHeaderText("OllamaMax cannot read its configuration");
            alert.setTitle("OllamaMax");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        executor = new FxUiExecutor();
        desktop = new DesktopApp(config, log.buffer(), executor, Platform::exit, getHostServices()::showDocument);
        DesktopApp stopping = desktop;
        // SIGTERM, SIGINT: JavaFX does not call stop(), so the gateway, its stores and ollama serve stop here
        exitHook = ExitPaths.onExit("desktop-exit", stopping::closeProcesses);
        StartupTimes.afterFirstPulse(desktop.window().scene(), ms -> LOG.info(() -> "Window shown " + ms + " ms after process start"));
        desktop.show(stage);
        LOG.info(() -> "Window built " + StartupTimes.sinceProcessStart() + " ms after process start; starting the gateway");
        desktop.startGateway();
    }

    @Override
    public void stop() {
        if (desktop != null) {
            desktop.close();
        }
        if (exitHook != null) {
            ExitPaths.forget(exitHook);
        }
        if (executor != null) {
            executor.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
