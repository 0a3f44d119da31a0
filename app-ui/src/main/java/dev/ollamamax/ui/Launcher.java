package dev.ollamamax.ui;

import dev.ollamamax.ui.app.OllamaMaxApp;
import javafx.application.Application;

/**
 * Main class of {@code ollamamax-desktop.jar}. It does not extend {@code Application}, so JavaFX can be
 * on the class path ({@code java -jar}) as well as on the module path ({@code mvn javafx:run}).
 * Options: {@code --port=14100}, {@code --OLLAMA_NODES=http://…} — any setting as {@code --name=value}.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        dev.ollamamax.server.process.ExitPaths.installUncaughtHandler();
        Application.launch(OllamaMaxApp.class, args);
    }
}
