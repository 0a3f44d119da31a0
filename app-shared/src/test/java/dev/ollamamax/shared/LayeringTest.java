package dev.ollamamax.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: app-shared ← app-server ← app-ui. Checked on the sources' imports. */
class LayeringTest {

    private static List<String> offenders(Path sources, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream()
                            .filter(l -> l.startsWith("import "))
                            .filter(l -> Stream.of(forbidden).anyMatch(p -> l.startsWith("import " + p)
                                    || l.startsWith("import static " + p)))
                            .map(l -> sources.relativize(f) + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void sharedCodeImportsNeitherJavaFxNorHelidonNorTheOtherModules() throws IOException {
        assertThat(offenders(Path.of("src/main/java"), "javafx.", "io.helidon.", "dev.ollamamax.server.", "dev.ollamamax.ui."))
                .isEmpty();
    }

    @Test
    void theGatewayImportsNoJavaFxNorTheDesktop() throws IOException {
        assertThat(offenders(Path.of("../app-server/src/main/java"), "javafx.", "org.controlsfx.", "dev.ollamamax.ui."))
                .isEmpty();
    }

    @Test
    void theDesktopsSupervisionIsToolkitFree() throws IOException {
        assertThat(offenders(Path.of("../app-ui/src/main/java/dev/ollamamax/ui/supervision"), "javafx.", "org.controlsfx."))
                .isEmpty();
    }

    @Test
    void viewModelsImportNoSceneGraph() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../app-ui/src/main/java"))) {
            List<String> bad = files.filter(f -> f.getFileName().toString().endsWith("ViewModel.java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream()
                            .filter(l -> l.startsWith("import javafx.scene") || l.startsWith("import org.controlsfx"))
                            .map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(bad).isEmpty();
        }
    }
}
