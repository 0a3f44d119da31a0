package dev.ollamamax.ui.app;

import dev.ollamamax.ui.common.Screen;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

/**
 * The main window's scene: sidebar on the left, the selected screen in the middle, the status bar
 * below. Ctrl+1..n switch screens, Ctrl+R refreshes the current one, Ctrl+Q quits.
 */
public final class MainWindow {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final List<Screen> screens;
    private final StackPane content = new StackPane();
    private final Sidebar sidebar;
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final Scene scene;

    MainWindow(List<Screen> screens, StatusBarViewModel status, ObjectProperty<Theme> theme, Runnable toggleTheme,
               Runnable quit) {
        this.screens = List.copyOf(screens);
        this.sidebar = new Sidebar(this.screens, this::select, theme, toggleTheme);
        content.getStyleClass().add("content");
        BorderPane root = new BorderPane(content);
        root.getStyleClass().add("main-window");
        root.setLeft(sidebar.node());
        root.setBottom(StatusBars.build(status));
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource("/dev/ollamamax/ui/app.css")).toExternalForm());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < Math.min(digits.length, screens.size()); i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> select(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                this::refreshCurrent);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), quit);
        sidebar.select(0);
        // the first screen is built and shown after the window's first paint (issue 15): the window appears with its
        // sidebar and status bar at once, the Dashboard a moment later
        StartupTimes.afterFirstPulse(scene, ms -> Platform.runLater(() -> {
            if (selected.get() < 0) {
                select(0);
            }
        }));
    }

    /** Shows screen {@code index}, telling the old one it is hidden and the new one it is shown. */
    public void select(int index) {
        if (index == selected.get() || index < 0 || index >= screens.size()) {
            return;
        }
        if (selected.get() >= 0) {
            current().hidden();
        }
        selected.set(index);
        Screen screen = current();
        content.getChildren().setAll(screen.node());
        sidebar.select(index);
        screen.shown();
    }

    /** Ctrl+R: reloads the visible screen, if one is shown yet. */
    public void refreshCurrent() {
        if (selected.get() >= 0) {
            current().refresh();
        }
    }

    public Screen current() {
        return screens.get(selected.get());
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public List<Screen> screens() {
        return screens;
    }

    public Scene scene() {
        return scene;
    }

    /** Tells the visible screen to stop its live updates (window closing). */
    void hideCurrent() {
        if (selected.get() >= 0) {
            current().hidden();
        }
    }
}
