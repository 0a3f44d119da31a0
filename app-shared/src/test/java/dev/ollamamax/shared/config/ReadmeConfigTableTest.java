package dev.ollamamax.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration table true: every setting is listed with its default. */
class ReadmeConfigTableTest {

    @Test
    void readmeListsEverySettingWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting s : Setting.values()) {
            String shown = s.defaultValue().isEmpty() ? "—" : "`" + s.defaultValue() + "`";
            assertThat(readme).as("README row for %s (regenerate with scripts/config-table.py)", s.envName())
                    .containsPattern("\\| `" + s.envName() + "`[^|]*\\| " + java.util.regex.Pattern.quote(shown) + " \\|");
        }
    }
}
