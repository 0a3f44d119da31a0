package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.stack.StackReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;

/** OSHI's view of real child processes: a busy one uses CPU, every one has resident memory, children count. */
class UsageSamplerTest {

    @TempDir
    Path dir;

    StackRunner runner;

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aBusyProcessShowsCpuAndEveryProcessShowsMemoryWithItsChildren() throws Exception {
        runner = new StackRunner(StackReader.parse("""
                processes:
                  busy: {command: "while :; do :; done"}
                  idle: {command: "sleep 30; echo the shell waits for its child"}
                """, "stack.yaml", dir, Map.of()), Duration.ofSeconds(2));
        ServiceRegistry registry = new ServiceRegistry();
        runner.processes().forEach(registry::register);
        runner.startAll();
        Eventually.within(Duration.ofSeconds(10), () -> runner.processes().stream().allMatch(p -> p.pid().isPresent()),
                () -> "not started");
        UsageSampler sampler = new UsageSampler(registry);
        long idleShell = runner.process("idle").orElseThrow().pid().orElseThrow();

        sampler.sampleOnce();
        Thread.sleep(700); // CPU is measured between two samples
        sampler.sampleOnce();

        UsageSampler.Usage busy = sampler.usage("stack:busy").orElseThrow();
        UsageSampler.Usage idle = sampler.usage("stack:idle").orElseThrow();
        assertThat(busy.cpuPercent()).isGreaterThan(20);
        assertThat(idle.cpuPercent()).isLessThan(10);
        assertThat(busy.residentBytes()).isGreaterThan(100_000);
        long shellOnly = new SystemInfo().getOperatingSystem().getProcess((int) idleShell).getResidentSetSize();
        assertThat(idle.residentBytes()).isGreaterThan(shellOnly);

        runner.close();
        sampler.sampleOnce();
        assertThat(sampler.usage("stack:busy")).isEmpty();
    }
}
