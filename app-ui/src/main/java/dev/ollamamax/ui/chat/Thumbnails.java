package dev.ollamamax.ui.chat;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * Small previews of a message's pictures (base64), scaled down while decoding; the last few are kept, so a
 * reused cell or a reloaded conversation does not decode them again.
 */
final class Thumbnails {

    static final double HEIGHT = 72;
    private static final int KEPT = 64;
    private static final Map<String, Image> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > KEPT;
        }
    };

    private Thumbnails() {
    }

    /** The preview of a picture (UI thread). */
    static Image image(String base64, double height) {
        return CACHE.computeIfAbsent(base64, b -> new Image(new ByteArrayInputStream(Base64.getDecoder().decode(b)),
                0, height * 2, true, true));
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
