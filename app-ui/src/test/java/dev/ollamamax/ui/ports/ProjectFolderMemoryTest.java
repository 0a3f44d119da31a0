package dev.ollamamax.ui.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFolderMemoryTest {

    @TempDir
    Path home;
    @TempDir
    Path project;

    @Test
    void remembersTheChosenFolderAcrossInstancesAndForgetsOneThatIsGone() throws Exception {
        assertThat(new ProjectFolderMemory(home).recall()).isEmpty();

        new ProjectFolderMemory(home).remember(project);

        assertThat(new ProjectFolderMemory(home).recall()).contains(project.toAbsolutePath());
        Path gone = Files.createDirectory(project.resolve("gone"));
        new ProjectFolderMemory(home).remember(gone);
        Files.delete(gone);
        assertThat(new ProjectFolderMemory(home).recall()).isEmpty();
        try (var files = Files.list(home)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("project-folder");
        }
    }
}
