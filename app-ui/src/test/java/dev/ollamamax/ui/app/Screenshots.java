package dev.ollamamax.ui.app;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** The README's screenshots: a scene saved as PNG when {@code OMX_SCREENSHOTS} names a folder (scripts/screenshots.sh). */
public final class Screenshots {

    private Screenshots() {
    }

    /** The folder to save in, when screenshots are wanted in this run. */
    public static Optional<Path> folder() {
        String folder = System.getenv("OMX_SCREENSHOTS");
        return folder == null || folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder));
    }

    /** The scene as an image (taken on the FX thread). */
    public static BufferedImage take(FxRobot robot, Scene scene) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        PixelReader pixels = image[0].getPixelReader();
        int w = (int) image[0].getWidth();
        int h = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }

    /** Saves {@code image} as {@code file} in the screenshot folder, if there is one. */
    public static void save(BufferedImage image, String file) throws Exception {
        Optional<Path> folder = folder();
        if (folder.isPresent()) {
            Files.createDirectories(folder.get());
            ImageIO.write(image, "png", folder.get().resolve(file).toFile());
        }
    }

    /** Saves the scene as {@code file} when screenshots are wanted in this run. */
    public static void save(FxRobot robot, Scene scene, String file) throws Exception {
        if (folder().isPresent()) {
            save(take(robot, scene), file);
        }
    }
}
