package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Icons;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * Pictures for the next message: the paperclip (file picker), drag and drop of image files onto the chat, paste
 * (Ctrl+V of a picture or of image files) into the composer, and the strip of attached pictures, each with ×.
 */
final class ComposerAttachments {

    private static final KeyCombination PASTE = KeyCombination.valueOf("Shortcut+V");

    private final Attachments attachments;
    private final Button attach = Icons.iconButton(Feather.PAPERCLIP, "Attach pictures for a vision model (or drop or paste them here)");
    private final HBox strip = new HBox(6);

    ComposerAttachments(Attachments attachments) {
        this.attachments = attachments;
        attach.setId("chat-attach");
        attach.getStyleClass().add("chat-attach");
        attach.setOnAction(e -> pick());
        strip.setId("chat-attachments");
        strip.getStyleClass().add("chat-attachments");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.managedProperty().bind(strip.visibleProperty());
        strip.setVisible(false);
        attachments.list().addListener((ListChangeListener<Attachments.Attachment>) c -> redraw());
    }

    Button button() {
        return attach;
    }

    HBox strip() {
        return strip;
    }

    /** Accepts image files dropped anywhere on {@code target}. */
    void acceptDrops(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(f -> Attachments.imageName(f.getName()))) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                attachments.addFiles(images(e.getDragboard().getFiles()));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Ctrl+V in {@code input}: a picture or image files on the clipboard are attached; text pastes as usual. */
    void acceptPaste(Node input) {
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (PASTE.match(e) && paste(Clipboard.getSystemClipboard())) {
                e.consume();
            }
        });
    }

    /** Attaches what the clipboard holds when it is a picture or image files; false otherwise. */
    boolean paste(Clipboard clipboard) {
        if (clipboard.hasFiles() && clipboard.getFiles().stream().anyMatch(f -> Attachments.imageName(f.getName()))) {
            attachments.addFiles(images(clipboard.getFiles()));
            return true;
        }
        Image image = clipboard.hasImage() ? clipboard.getImage() : null;
        if (image == null || image.getPixelReader() == null || image.getWidth() < 1 || image.getHeight() < 1) {
            return false;
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        attachments.addPixels("pasted.png", w, h, argb);
        return true;
    }

    private void pick() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Attach pictures");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pictures", "*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp", "*.bmp"));
        List<File> files = chooser.showOpenMultipleDialog(attach.getScene().getWindow());
        if (files != null) {
            attachments.addFiles(files.stream().map(File::toPath).toList());
        }
    }

    private static List<Path> images(List<File> files) {
        return files.stream().filter(f -> Attachments.imageName(f.getName())).map(File::toPath).toList();
    }

    private void redraw() {
        strip.getChildren().clear();
        for (Attachments.Attachment a : attachments.list()) {
            Node preview = Thumbnails.one(a.base64());
            Button remove = Icons.iconButton(Feather.X, "Remove " + a.name());
            remove.getStyleClass().add("chat-attachment-remove");
            remove.setOnAction(e -> attachments.remove(a));
            StackPane one = new StackPane(preview, remove);
            StackPane.setAlignment(remove, Pos.TOP_RIGHT);
            one.getStyleClass().add("chat-attachment");
            strip.getChildren().add(one);
        }
        strip.setVisible(!attachments.list().isEmpty());
    }
}
