package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The pictures attached to the message being written (file picker, drag and drop, paste): checked to be an
 * image (PNG, JPEG, GIF, WebP or BMP, by their first bytes), at most {@value #MAX_IMAGES} and each at most
 * {@value #MAX_BYTES} bytes, as the chat protocol allows. {@link #take()} hands them to the message as base64.
 * UI thread only; files are read and pasted pictures encoded in the background ({@link #addFiles}, {@link #addPixels}),
 * refusals go to {@code refused}.
 */
final class Attachments {

    static final int MAX_IMAGES = 8;
    static final int MAX_BYTES = 10 * 1024 * 1024;

    /** One attached picture. */
    record Attachment(String name, byte[] bytes) {
        String base64() {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    private final ObservableList<Attachment> list = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is dropped would go with it. */
    private final ObservableList<Attachment> listView = FXCollections.unmodifiableObservableList(list);
    private final UiExecutor executor;
    private final Consumer<String> refused;

    Attachments(UiExecutor executor, Consumer<String> refused) {
        this.executor = executor;
        this.refused = refused;
    }

    /** Reads the files (picked or dropped) in the background and attaches the pictures among them. */
    void addFiles(List<Path> files) {
        for (Path f : files) {
            String name = f.getFileName().toString();
            executor.submit(() -> Files.size(f) > MAX_BYTES ? new byte[MAX_BYTES + 1] : Files.readAllBytes(f),
                    bytes -> add(name, bytes).ifPresent(refused),
                    e -> refused.accept("Could not read " + name + ": " + e.getMessage()));
        }
    }

    /** Attaches a pasted picture (ARGB pixels), written as PNG in the background. */
    void addPixels(String name, int width, int height, int[] argb) {
        executor.submit(() -> ImageEncoding.png(width, height, argb), png -> add(name, png).ifPresent(refused),
                e -> refused.accept("Could not attach the pasted picture: " + e.getMessage()));
    }

    ObservableList<Attachment> list() {
        return listView;
    }

    /** Attaches a picture; the reason when it is refused. */
    Optional<String> add(String name, byte[] bytes) {
        if (list.size() >= MAX_IMAGES) {
            return Optional.of("A message takes at most " + MAX_IMAGES + " images");
        }
        if (bytes.length > MAX_BYTES) {
            return Optional.of(name + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        if (kind(bytes).isEmpty()) {
            return Optional.of(name + " is not a PNG, JPEG, GIF, WebP or BMP image");
        }
        list.add(new Attachment(name, bytes));
        return Optional.empty();
    }

    void remove(Attachment a) {
        list.remove(a);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The attached pictures as base64, emptying the list. */
    List<String> take() {
        List<String> out = new ArrayList<>(list.stream().map(Attachment::base64).toList());
        list.clear();
        return out;
    }

    /** The image format by its signature, or empty when the bytes are no image we accept. */
    static Optional<String> kind(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return Optional.of("png");
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("jpeg");
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return Optional.of("gif");
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("webp");
        }
        if (starts(b, 'B', 'M')) {
            return Optional.of("bmp");
        }
        return Optional.empty();
    }

    /** Whether a file name looks like a picture we take (for drag and drop over the composer). */
    static boolean imageName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(png|jpe?g|gif|webp|bmp)");
    }

    private static boolean starts(byte[] b, int... sig) {
        if (b.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
