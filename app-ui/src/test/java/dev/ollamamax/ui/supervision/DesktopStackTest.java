package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.process.ManagedService.State;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.stack.StackFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's two stack files: registered as services, problems in words, ports for the plan, closing stops. */
class DesktopStackTest {

    @TempDir
    Path home;
    @TempDir
    Path project;

    final ServiceRegistry registry = new ServiceRegistry();
    final DesktopStack stack = new DesktopStack(registry);

    @AfterEach
    void close() {
        stack.close();
    }

    static void write(Path folder, String yaml) throws Exception {
        Files.writeString(folder.resolve(StackFile.FILE_NAME), yaml);
    }

    @Test
    void processesOfBothFilesBecomeServicesAndClosingStopsThem() throws Exception {
        write(home, "processes:\n  tools: {command: sleep 30}\n");
        write(project, "processes:\n  api: {command: sleep 30, ports: [18080]}\n");

        stack.load("home", home);
        stack.load("project", project);

        Eventually.within(Duration.ofSeconds(10), () -> registry.all().stream()
                .allMatch(s -> s.state() == State.RUNNING), () -> registry.all().toString());
        assertThat(registry.all()).extracting(ManagedService::id).containsExactly("stack:tools", "stack:api");
        assertThat(stack.problems()).isEmpty();
        PlannedService port = stack.plannedPorts().getFirst();
        assertThat(port.port()).isEqualTo(18080);
        assertThat(port.origin().source()).isEqualTo(PortOrigin.STACK_FILE);
        assertThat(port.origin().editedByHand()).isTrue();
        assertThat(port.origin().file()).contains(project.resolve(StackFile.FILE_NAME));
        long pid = registry.find("stack:api").flatMap(ManagedService::pid).orElseThrow();

        stack.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void aBadFileIsAProblemInWordsAndWhatRunsKeepsRunning() throws Exception {
        write(project, "processes:\n  api: {command: sleep 30}\n");
        stack.load("project", project);

        write(project, "processes:\n  api:\n    command: sleep 30\n    availability: {restart: sometimes}\n");
        stack.load("project", project);

        assertThat(stack.problems()).containsExactly(project.resolve(StackFile.FILE_NAME)
                + ", line 4: processes.api.availability.restart must be always, on_failure or no");
        assertThat(registry.find("stack:api")).isPresent();

        write(project, "processes:\n  web: {command: sleep 30}\n");
        stack.load("project", project);

        assertThat(stack.problems()).isEmpty();
        assertThat(registry.all()).extracting(ManagedService::id).containsExactly("stack:web");
    }

    @Test
    void reloadingRestartsOnlyWhatChanged() throws Exception {
        write(home, "processes:\n  keep: {command: sleep 30}\n  change: {command: sleep 30}\n  gone: {command: sleep 30}\n");
        stack.load("home", home);
        Eventually.within(Duration.ofSeconds(10), () -> registry.all().size() == 3 && registry.all().stream()
                .allMatch(s -> s.pid().isPresent()), () -> registry.all().toString());
        long keep = registry.find("stack:keep").flatMap(ManagedService::pid).orElseThrow();
        long change = registry.find("stack:change").flatMap(ManagedService::pid).orElseThrow();
        long gone = registry.find("stack:gone").flatMap(ManagedService::pid).orElseThrow();

        // a comment above moves every line: "keep" is still declared the same way
        write(home, "# edited\nprocesses:\n  keep: {command: sleep 30}\n  change: {command: sleep 31}\n  added: {command: sleep 30}\n");
        stack.load("home", home);

        Eventually.within(Duration.ofSeconds(10), () -> registry.find("stack:change").flatMap(ManagedService::pid)
                .filter(p -> p != change).isPresent() && registry.find("stack:added").flatMap(ManagedService::pid).isPresent(),
                () -> registry.all().toString());
        assertThat(registry.find("stack:keep").flatMap(ManagedService::pid)).contains(keep);
        assertThat(ProcessHandle.of(keep).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(change).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(gone).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(registry.all()).extracting(ManagedService::id).containsExactlyInAnyOrder("stack:keep", "stack:change", "stack:added");

        stack.close();
        assertThat(ProcessHandle.of(keep).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aNameInBothFilesIsRefused() throws Exception {
        write(home, "processes:\n  api: {command: sleep 30}\n");
        write(project, "processes:\n  api: {command: sleep 30}\n");
        stack.load("home", home);

        stack.load("project", project);

        assertThat(stack.problems()).singleElement().asString()
                .endsWith("line 2: processes.api is also declared in the other stack file; rename one");
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void noFileMeansNoServices() {
        stack.load("project", project);

        assertThat(registry.all()).isEmpty();
        assertThat(stack.problems()).isEmpty();
    }
}
