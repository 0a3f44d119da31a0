package dev.ollamamax.ui.bench;

import dev.ollamamax.ui.app.StartupTimes;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of {@code scripts/bench-window.sh}: a bare JavaFX window with one label, timed the same way as
 * the desktop app (process start to the first layout pulse), printed, then closed.
 */
public final class BareWindow {

    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The application itself (a nested class, so that JavaFX may sit on the class path). */
    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(new Label("OllamaMax")), 1280, 800);
            StartupTimes.afterFirstPulse(scene, ms -> {
                System.out.println("Window shown " + ms + " ms after process start");
                Platform.exit();
            });
            stage.setScene(scene);
            stage.show();
        }
    }
}
