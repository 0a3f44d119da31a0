package dev.ollamamax.ui.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Remembers the project folder chosen on the Ports screen in {@code <OLLAMAMAX_HOME>/project-folder}, so the
 * next start reads it again (its ports and its stack file). Saved atomically; a folder that is gone is forgotten.
 */
public final class ProjectFolderMemory {

    private static final Logger LOG = Logger.getLogger(ProjectFolderMemory.class.getName());

    private final Path file;

    public ProjectFolderMemory(Path home) {
        this.file = home.resolve("project-folder");
    }

    /** The folder chosen last, when it still exists. */
    public Optional<Path> recall() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text)).filter(Files::isDirectory);
        } catch (IOException | RuntimeException e) {
            LOG.warning("Could not read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public void remember(Path folder) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "project-folder", ".tmp");
            Files.writeString(tmp, folder.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warning("Could not remember the project folder in " + file + ": " + e.getMessage());
        }
    }
}
