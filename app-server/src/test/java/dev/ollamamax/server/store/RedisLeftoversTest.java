package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Redis is stopped whatever state it is in, and one left behind by a gateway that died (kill -9,
 * lost display) is reclaimed by the next start on the same data folder before it chooses a port.
 */
class RedisLeftoversTest {

    @TempDir
    Path home;

    /** Redis refuses SIGTERM when it cannot save (its data folder was deleted): found as five orphans on one machine. */
    @Test
    void stopsEvenWhenItsDataFolderWasDeleted() throws Exception {
        EmbeddedRedisService redis = new EmbeddedRedisService(home, 0);
        redis.start();
        ProcessHandle server = ProcessHandle.of(redis.pid().orElseThrow()).orElseThrow();
        try {
            PgBinaries.deleteTree(home.resolve("redis"));

            long started = System.nanoTime();
            redis.stop();

            assertThat(server.isAlive()).as("redis-server is gone").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(redis.recentLog()).anyMatch(l -> l.contains("SHUTDOWN NOSAVE"));
            assertThat(redis.state()).isEqualTo(ManagedService.State.STOPPED);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aLeftoverOfADeadGatewayIsStoppedBeforeTheNextStartEvenWithoutItsDataFolder() throws Exception {
        EmbeddedRedisService first = new EmbeddedRedisService(home, 0);
        first.start();
        ProcessHandle leftover = ProcessHandle.of(first.pid().orElseThrow()).orElseThrow();
        EmbeddedRedisService second = new EmbeddedRedisService(home, 0);
        try {
            Path runFile = home.resolve("run/redis.properties");
            RunFile recorded = RunFile.read(runFile).orElseThrow();
            new RunFile(deadPid(), recorded.serverPid(), recorded.port()).write(runFile);
            PgBinaries.deleteTree(home.resolve("redis"));

            second.start();

            assertThat(leftover.isAlive()).as("the leftover redis-server was stopped").isFalse();
            assertThat(second.pid()).isPresent().get().isNotEqualTo(leftover.pid());
            assertThat(second.detail()).contains("stopped a leftover from a previous run (process " + leftover.pid());
            assertThat(RunFile.read(runFile).orElseThrow().serverPid()).isEqualTo(second.pid().orElseThrow());
        } finally {
            second.stop();
            first.stop();
            leftover.destroyForcibly();
        }
    }

    /** The PID of a process that has exited (a gateway that was killed). */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
