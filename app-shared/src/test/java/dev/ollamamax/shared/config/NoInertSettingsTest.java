package dev.ollamamax.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No inert settings: every {@link Setting} is read by some main code of the three modules (a use of
 * {@code Setting.NAME} outside the enum itself). A setting nothing reads is a promise the program does not keep.
 */
class NoInertSettingsTest {

    @Test
    void everySettingIsReadByMainCode() throws IOException {
        StringBuilder main = new StringBuilder();
        for (String module : List.of("app-shared", "app-server", "app-ui")) {
            Path root = Path.of("..", module, "src", "main", "java");
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.endsWith(Path.of("dev", "ollamamax", "shared", "config", "Setting.java")))
                        .forEach(p -> main.append(read(p)).append('\n'));
            }
        }
        assertThat(main.length()).as("main sources found").isGreaterThan(100_000);
        List<String> inert = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (!Pattern.compile("\\bSetting\\." + s.name() + "\\b").matcher(main).find()) {
                inert.add(s.name());
            }
        }
        assertThat(inert).as("settings no main code reads").isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
