package dev.ollamamax.ui.chat;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/** Small previews of a message's pictures (base64), decoded in the background by JavaFX's image loader. */
final class Thumbnails {

    static final double HEIGHT = 72;

    private Thumbnails() {
    }

    static Image image(String base64, double height) {
        return new Image("data:image/png;base64," + base64, 0, height * 2, true, true, true);
    }

    static Node one(String base64) {
        ImageView view = new ImageView(image(base64, HEIGHT));
        view.setFitHeight(HEIGHT);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("chat-thumbnail");
        return frame;
    }

    /** A row of previews, right-aligned for a question. */
    static HBox row(List<String> images) {
        HBox row = new HBox(6);
        row.getStyleClass().add("chat-thumbnails");
        row.setAlignment(Pos.CENTER_RIGHT);
        images.forEach(b -> row.getChildren().add(one(b)));
        return row;
    }
}
