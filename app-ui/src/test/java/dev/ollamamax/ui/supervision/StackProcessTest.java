package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService.State;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes run by the shell: logs, stop, restart policy with backoff, probes. */
class StackProcessTest {

    static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final List<StackProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (StackProcess p : started) {
            p.stop();
        }
        scheduler.shutdownNow();
    }

    StackProcess process(String yaml) {
        return process(yaml, Duration.ofSeconds(5));
    }

    StackProcess process(String yaml, Duration grace) {
        ProcessSpec spec = StackReader.parse("processes:\n  p:\n" + yaml.indent(4), "stack.yaml", dir, Map.of())
                .process("p").orElseThrow();
        StackProcess p = new StackProcess(spec, scheduler, grace);
        started.add(p);
        return p;
    }

    static void await(StackProcess p, State state) throws InterruptedException {
        Eventually.within(LIMIT, () -> p.state() == state, () -> p.state() + " / " + p.detail() + "\n"
                + String.join("\n", p.recentLog()));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void runsTheCommandInItsFolderWithItsEnvironmentAndFollowsTheLog() throws Exception {
        StackProcess p = process("""
                command: echo "$$GREETING from $(pwd)"; echo ready; sleep 30
                working_dir: .
                environment: [GREETING=hello]
                ports: [4100]
                """);
        List<String> followed = new CopyOnWriteArrayList<>();
        p.followLog(followed::add);

        p.start();

        await(p, State.RUNNING);
        Eventually.within(LIMIT, () -> followed.contains("ready"), followed::toString);
        assertThat(p.recentLog()).contains("hello from " + dir.toRealPath());
        assertThat(p.id()).isEqualTo("stack:p");
        assertThat(p.port()).contains(4100);
        long pid = p.pid().orElseThrow();
        assertThat(p.detail()).contains("running · pid " + pid);

        p.stop();

        assertThat(p.state()).isEqualTo(State.STOPPED);
        assertThat(alive(pid)).isFalse();
        assertThat(p.port()).isEmpty();
    }

    @Test
    void stopSendsSigtermThenSigkillAfterTheGrace() throws Exception {
        StackProcess p = process("""
                command: trap '' TERM; echo armed; while true; do sleep 0.1; done
                """, Duration.ofMillis(700));
        p.start();
        Eventually.within(LIMIT, () -> p.recentLog().contains("armed"), () -> p.recentLog().toString());
        long pid = p.pid().orElseThrow();
        long before = System.nanoTime();

        p.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(alive(pid)).isFalse();
        assertThat(p.state()).isEqualTo(State.STOPPED);
        assertThat(p.detail()).isEqualTo("stopped (exit code 137)");
    }

    @Test
    void onFailureRestartsWithDoublingBackoffUpToMaxRestarts() throws Exception {
        StackProcess p = process("""
                command: echo "run at $(date +%s.%N)"; exit 1
                availability: {restart: on_failure, backoff_seconds: 1, max_restarts: 2}
                """);
        p.start();

        Eventually.within(LIMIT, () -> p.state() == State.CRASHED && p.restarts() == 2, p::detail);

        assertThat(p.detail()).isEqualTo("exited with code 1; gave up after 2 restarts · restarts: 2");
        List<LocalTime> starts = p.recentLog().stream().filter(l -> l.contains("] ") && l.contains(" starting: "))
                .map(l -> LocalTime.parse(l.substring(12, 24))).toList();
        assertThat(starts).hasSize(3);
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        assertThat(p.recentLog()).filteredOn(l -> l.startsWith("run at ")).hasSize(3);
    }

    @Test
    void showsTheCountdownWhileItWaitsToRestart() throws Exception {
        StackProcess p = process("""
                command: exit 2
                availability: {restart: on_failure, backoff_seconds: 5}
                """);
        p.start();

        await(p, State.RESTARTING);

        assertThat(p.detail()).matches("exited with code 2; restarting in [45] s · restarts: 1");
        p.stop();
        assertThat(p.state()).isEqualTo(State.STOPPED);
        assertThat(p.restarts()).isEqualTo(1);
    }

    @Test
    void killedByHandIsRestartedWithANewPid() throws Exception {
        StackProcess p = process("""
                command: echo up; sleep 30
                availability: {restart: always, backoff_seconds: 1}
                """);
        p.start();
        await(p, State.RUNNING);
        long first = p.pid().orElseThrow();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        Eventually.within(LIMIT, () -> p.state() == State.RUNNING && p.pid().map(pid -> pid != first).orElse(false),
                p::detail);
        assertThat(p.restarts()).isEqualTo(1);
        assertThat(p.detail()).startsWith("running · restarts: 1 · pid ").endsWith("last exit code 137");
    }

    @Test
    void aProcessThatEndsWellWithRestartNoIsCompleted() throws Exception {
        StackProcess p = process("command: echo migrated\n");
        p.start();

        Eventually.within(LIMIT, () -> p.status().completedSuccessfully(), p::detail);

        assertThat(p.state()).isEqualTo(State.STOPPED);
        assertThat(p.detail()).isEqualTo("completed (exit code 0)");
        assertThat(p.status().settled()).isTrue();
    }

    @Test
    void anHttpReadinessProbeMakesItRunningOnceItAnswers() throws Exception {
        int port = FreePorts.nextFree("127.0.0.1", 21000);
        StackProcess p = process("""
                command: sleep 1; exec python3 -m http.server %d --bind 127.0.0.1
                readiness_probe:
                  http_get: {host: 127.0.0.1, port: %d, path: /}
                  period_seconds: 1
                """.formatted(port, port));
        p.start();

        assertThat(p.state()).isEqualTo(State.STARTING);
        assertThat(p.status().healthy()).isFalse();
        assertThat(p.detail()).startsWith("waiting for its readiness probe");
        await(p, State.RUNNING);
        assertThat(p.status().healthy()).isTrue();
        assertThat(p.detail()).startsWith("ready · pid ");
        assertThat(p.recentLog()).anyMatch(l -> l.contains("ready (GET http://127.0.0.1:" + port + "/)"));
    }

    @Test
    void anExecReadinessProbeWaitsForItsCommand() throws Exception {
        StackProcess p = process("""
                command: sleep 1; touch ready.flag; sleep 30
                readiness_probe:
                  exec: {command: test -f ready.flag}
                  period_seconds: 1
                """);
        p.start();

        await(p, State.RUNNING);

        assertThat(dir.resolve("ready.flag")).exists();
    }

    @Test
    void aFailingLivenessProbeRestartsItPerPolicy() throws Exception {
        int closed = FreePorts.nextFree("127.0.0.1", 21500);
        StackProcess p = process("""
                command: echo alive; sleep 30
                liveness_probe:
                  tcp: {port: %d}
                  period_seconds: 1
                  failure_threshold: 2
                availability: {restart: on_failure, backoff_seconds: 1, max_restarts: 1}
                """.formatted(closed));
        p.start();

        Eventually.within(LIMIT, () -> p.state() == State.CRASHED, p::detail);

        assertThat(p.restarts()).isEqualTo(1);
        assertThat(p.detail()).startsWith("liveness probe failed; exit code 143; gave up after 1 restarts");
        assertThat(p.recentLog()).filteredOn(l -> l.contains("liveness probe failed: TCP 127.0.0.1:" + closed))
                .hasSize(2);
        assertThat(p.recentLog()).filteredOn(l -> l.equals("alive")).hasSize(2);
    }
}
