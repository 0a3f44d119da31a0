package dev.ollamamax.ui.common;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** One screen of the main window, as the sidebar shows it. */
public interface Screen {

    /** The sidebar label and screen heading. */
    String title();

    Ikon icon();

    /** The screen's root node, built once. */
    Node node();

    /** Ctrl+R: reload what the screen shows. */
    default void refresh() {
    }

    /** Called when the screen becomes visible (start live updates). */
    default void shown() {
    }

    /** Called when another screen is selected (stop live updates). */
    default void hidden() {
    }
}
