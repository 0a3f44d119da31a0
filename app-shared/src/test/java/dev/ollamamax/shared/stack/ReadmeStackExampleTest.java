package dev.ollamamax.shared.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README's example stack file valid. */
class ReadmeStackExampleTest {

    @Test
    void theReadmeExampleIsAValidStackFile() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### Your own processes");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        StackFile stack = StackReader.parse(yaml, "README.md", Path.of("/project"), Map.of());

        assertThat(stack.processes()).extracting(ProcessSpec::name).containsExactly("db", "api", "docs");
        assertThat(stack.process("db").orElseThrow().command()).isEqualTo("postgres -D ./data -p 5433");
        assertThat(stack.process("api").orElseThrow().dependsOn()).containsEntry("db", Condition.PROCESS_HEALTHY);
        assertThat(stack.enabled()).extracting(ProcessSpec::name).containsExactly("db", "api");
    }
}
