package dev.ollamamax.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The heading every screen starts with: title, one line of explanation, actions on the right. */
public final class ScreenHeader {

    private ScreenHeader() {
    }

    public static HBox of(String title, String subtitle, Node... actions) {
        Label t = new Label(title);
        t.getStyleClass().addAll("screen-title", "title-2");
        Label s = new Label(subtitle);
        s.getStyleClass().addAll("screen-subtitle", "text-muted");
        s.setWrapText(true);
        VBox text = new VBox(2, t, s);
        text.setMinWidth(200);
        HBox.setHgrow(text, Priority.SOMETIMES);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8);
        box.getStyleClass().add("screen-header");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(text, spacer);
        for (Node action : actions) {
            if (action instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
            box.getChildren().add(action);
        }
        return box;
    }
}
