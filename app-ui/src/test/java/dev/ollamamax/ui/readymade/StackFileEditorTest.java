package dev.ollamamax.ui.readymade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackFile;
import dev.ollamamax.shared.stack.StackReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding an entry keeps the user's text: comments, order and indentation; clashes and broken files are refused. */
class StackFileEditorTest {

    static final String ENTRY = "# what it is\ncommand: sleep 30\navailability: {restart: on_failure}\n";

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve(StackFile.FILE_NAME);
    }

    @Test
    void noFileGetsANewOne() throws Exception {
        StackFileEditor.add(file(), "prometheus", ENTRY);

        StackFile stack = StackReader.read(file());
        assertThat(stack.processes()).extracting(ProcessSpec::name).containsExactly("prometheus");
        assertThat(stack.processes().getFirst().command()).isEqualTo("sleep 30");
    }

    @Test
    void theEntryGoesAtTheEndOfTheProcessesWithTheFilesIndentAndEverythingElseStays() throws Exception {
        String before = """
                # my stack
                processes:
                    api:            # the backend
                        command: sleep 10

                    # the docs site
                    docs:
                        command: sleep 20
                environment:
                    A: b
                """;
        Files.writeString(file(), before);

        StackFileEditor.add(file(), "prometheus", ENTRY);

        String after = Files.readString(file());
        assertThat(after).startsWith("# my stack\nprocesses:\n    api:            # the backend\n")
                .contains("    # the docs site\n    docs:\n        command: sleep 20\n    prometheus:\n        # what it is\n"
                        + "        command: sleep 30\n")
                .endsWith("environment:\n    A: b\n");
        StackFile stack = StackReader.read(file());
        assertThat(stack.processes()).extracting(ProcessSpec::name).containsExactly("api", "docs", "prometheus");
        assertThat(stack.processes().getLast().availability().restart().name()).isEqualTo("ON_FAILURE");
    }

    @Test
    void anEmptyFlowMappingIsOpened() throws Exception {
        Files.writeString(file(), "processes: {}   # nothing yet\n");

        StackFileEditor.add(file(), "grafana", ENTRY);

        assertThat(StackReader.read(file()).processes()).extracting(ProcessSpec::name).containsExactly("grafana");
    }

    @Test
    void aNameAlreadyDeclaredIsRefusedAndTheFileUntouched() throws Exception {
        String before = "processes:\n  prometheus: {command: my-own-prometheus}\n";
        Files.writeString(file(), before);

        assertThatThrownBy(() -> StackFileEditor.add(file(), "prometheus", ENTRY)).isInstanceOf(IOException.class)
                .hasMessage("processes.prometheus is already in the stack file (line 2)");
        assertThat(Files.readString(file())).isEqualTo(before);
    }

    @Test
    void aFileWithAMistakeIsRefusedWithTheMistakeNamed() throws Exception {
        String before = "processes:\n  api:\n    command: sleep 1\n    availability: {restart: sometimes}\n";
        Files.writeString(file(), before);

        assertThatThrownBy(() -> StackFileEditor.add(file(), "prometheus", ENTRY)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("The stack file has a mistake to fix first: ")
                .hasMessageContaining("line 4: processes.api.availability.restart");
        assertThat(Files.readString(file())).isEqualTo(before);
    }
}
