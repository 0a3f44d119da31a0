package dev.ollamamax.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The headless jar holds only what the headless gateway runs: its classes (this module's compiled output, which
 * is what {@code ollamamax-server.jar} packs) are in the gateway's feature packages, and none of the desktop's
 * process supervision (ADR 0011) is among them.
 */
class HeadlessJarTest {

    private static final Path CLASSES = Path.of("target/classes/dev/ollamamax/server");
    private static final Set<String> SERVER_PACKAGES = Set.of("", "aliases", "auth", "cache", "chat", "cli", "conversations", "docs",
            "errors", "http", "nodes", "ollama", "openai", "ops", "process", "store", "usage");
    private static final Set<String> DESKTOP_ONLY = Set.of("Supervisor", "ServiceRegistry", "ListenerService",
            "OllamaServeService", "OllamaBinary", "LogRingHandler");

    private static List<String> classes() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void everyClassIsInAGatewayPackage() throws IOException {
        List<String> classes = classes();
        assertThat(classes).hasSizeGreaterThan(100);
        assertThat(classes).filteredOn(c -> !SERVER_PACKAGES.contains(c.contains("/") ? c.substring(0, c.lastIndexOf('/')) : ""))
                .as("classes outside the gateway's packages (a new gateway feature package belongs in SERVER_PACKAGES; desktop-only code in app-ui)").isEmpty();
    }

    @Test
    void noDesktopSupervisionClassIsInIt() throws IOException {
        assertThat(classes()).filteredOn(c -> {
            String simple = c.substring(c.lastIndexOf('/') + 1).replace(".class", "");
            return DESKTOP_ONLY.contains(simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple);
        }).isEmpty();
    }
}
