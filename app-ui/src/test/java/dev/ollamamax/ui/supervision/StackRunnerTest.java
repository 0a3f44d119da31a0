package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService.State;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.runtime.Backoff;
import dev.ollamamax.shared.stack.StackReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole stack file run with real child processes: conditions, disabled entries, stopping everything. */
class StackRunnerTest {

    static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    StackRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    StackRunner run(String yaml) {
        runner = new StackRunner(StackReader.parse(yaml, "stack.yaml", dir, Map.of()), Duration.ofSeconds(5));
        return runner;
    }

    StackProcess p(String name) {
        return runner.process(name).orElseThrow();
    }

    @Test
    void aDependentWaitsUntilItsDependencyIsHealthy() throws Exception {
        int port = FreePorts.nextFree("127.0.0.1", 22000);
        run("""
                processes:
                  api:
                    command: >-
                      python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:%d/');
                      print('web answered')"; sleep 30
                    depends_on:
                      web: {condition: process_healthy}
                  web:
                    command: sleep 1; exec python3 -m http.server %d --bind 127.0.0.1
                    readiness_probe:
                      http_get: {port: %d}
                      period_seconds: 1
                """.formatted(port, port, port));

        runner.startAll();

        Eventually.within(LIMIT, () -> p("api").recentLog().contains("web answered"),
                () -> String.join("\n", p("api").recentLog()));
        assertThat(p("web").state()).isEqualTo(State.RUNNING);
        assertThat(p("api").recentLog()).anyMatch(l -> l.endsWith("waiting for web (process_healthy)"));
        assertThat(runner.processes()).extracting(StackProcess::id).containsExactly("stack:web", "stack:api");
        assertThat(p("api").dependsOn()).containsExactly("stack:web");
    }

    @Test
    void completedSuccessfullyWaitsForExitZeroAndAFailedDependencyLeavesTheDependentUnstarted() throws Exception {
        run("""
                processes:
                  migrate: {command: sleep 0.5; echo migrated}
                  app:
                    command: echo app up; sleep 30
                    depends_on: {migrate: {condition: process_completed_successfully}}
                  broken: {command: exit 3}
                  after-broken:
                    command: echo should not run
                    depends_on: {broken: {condition: process_completed_successfully}}
                  docs:
                    command: echo docs; sleep 30
                    disabled: true
                """);

        runner.startAll();

        Eventually.within(LIMIT, () -> p("app").state() == State.RUNNING && p("broken").state() == State.CRASHED
                && p("after-broken").recentLog().stream().anyMatch(l -> l.contains("not started")), () -> "app "
                + p("app").detail() + ", after-broken " + p("after-broken").recentLog());
        assertThat(p("migrate").detail()).isEqualTo("completed (exit code 0)");
        assertThat(p("after-broken").recentLog()).anyMatch(l -> l.endsWith(
                "not started: broken ended before process_completed_successfully held (exited with code 3)"));
        assertThat(p("after-broken").state()).isEqualTo(State.STOPPED);
        assertThat(p("docs").state()).isEqualTo(State.STOPPED);
        assertThat(p("docs").detail()).isEqualTo("disabled in the stack file; Start runs it");
        assertThat(p("docs").recentLog()).isEmpty();
    }

    @Test
    void closingStopsEveryProcess() throws Exception {
        run("""
                processes:
                  a: {command: sleep 30}
                  b: {command: sleep 30, depends_on: {a: {}}}
                """);
        runner.startAll();
        Eventually.within(LIMIT, () -> p("a").pid().isPresent() && p("b").pid().isPresent(), () -> p("b").detail());
        long a = p("a").pid().orElseThrow();
        long b = p("b").pid().orElseThrow();

        runner.close();

        assertThat(ProcessHandle.of(a).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(b).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(runner.processes()).allMatch(p -> p.state() == State.STOPPED);
    }

    @Test
    void theSupervisorLeavesAStackProcessToItsOwnPolicy() throws Exception {
        run("processes:\n  once: {command: exit 1}\n");
        ServiceRegistry registry = new ServiceRegistry();
        registry.register(p("once"));
        Supervisor supervisor = new Supervisor(registry, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)),
                Duration.ofMinutes(1), Clock.systemUTC());
        runner.startAll();
        Eventually.within(LIMIT, () -> p("once").state() == State.CRASHED, () -> p("once").detail());

        supervisor.tick();
        Thread.sleep(5);
        supervisor.tick();

        assertThat(p("once").state()).isEqualTo(State.CRASHED);
        assertThat(p("once").recentLog()).filteredOn(l -> l.contains(" starting: ")).hasSize(1);
    }
}
