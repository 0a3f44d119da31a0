package dev.ollamamax.ui.common;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icon helpers: Feather glyphs for buttons, the application icon in its sizes. */
public final class Icons {

    private static final String APP_ICON = "/dev/ollamamax/ui/icons/ollamamax-%d.png";

    private Icons() {
    }

    public static FontIcon icon(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        return icon;
    }

    /** A button with an icon, a label and a tooltip. */
    public static Button button(String text, Ikon ikon, String tooltip) {
        Button b = new Button(text, icon(ikon, 14));
        b.setTooltip(tooltip(tooltip));
        return b;
    }

    /** An icon-only button: the tooltip says what it does. */
    public static Button iconButton(Ikon ikon, String tooltip) {
        Button b = new Button(null, icon(ikon, 15));
        b.getStyleClass().addAll("button-icon", "flat");
        b.setTooltip(tooltip(tooltip));
        b.setAccessibleText(tooltip);
        return b;
    }

    public static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(350));
        return t;
    }

    /** The window and task-bar icons, smallest first. */
    public static List<Image> appIcons() {
        return List.of(16, 32, 48, 64, 128, 256).stream()
                .map(s -> new Image(Icons.class.getResource(APP_ICON.formatted(s)).toExternalForm()))
                .toList();
    }

    public static Image appIcon(int size) {
        return new Image(Icons.class.getResource(APP_ICON.formatted(size)).toExternalForm());
    }
}
