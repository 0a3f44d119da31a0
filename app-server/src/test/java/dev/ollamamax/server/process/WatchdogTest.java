package dev.ollamamax.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs({OS.LINUX, OS.MAC})
class WatchdogTest {

    @Test
    void whenTheGatewaysPipeClosesTheGuardedServerIsEnded() throws Exception {
        Process server = new ProcessBuilder("sleep", "60").start();
        try {
            Watchdog dog = Watchdog.guard(server.pid(), "TERM").orElseThrow();
            ProcessHandle sh = ProcessHandle.of(dog.pid()).orElseThrow();
            Thread.sleep(200);
            assertThat(server.isAlive()).isTrue();

            // what the kernel does when this JVM dies: the write end of the watchdog's pipe is closed
            closePipe(dog);

            assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("the guarded process was ended").isTrue();
            assertThat(sh.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aServerThatIgnoresTheSignalIsKilledAfterTheGracePeriod() throws Exception {
        Process server = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done").start();
        try {
            Thread.sleep(200);
            Watchdog dog = Watchdog.guard(server.pid(), "TERM").orElseThrow();
            long t0 = System.nanoTime();
            closePipe(dog);

            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(4));
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void aDisarmedWatchdogLeavesTheServerAlone() throws Exception {
        Process server = new ProcessBuilder("sleep", "60").start();
        try {
            Watchdog dog = Watchdog.guard(server.pid(), "TERM").orElseThrow();
            dog.close();
            Thread.sleep(500);
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    private static void closePipe(Watchdog dog) throws Exception {
        var field = Watchdog.class.getDeclaredField("sh");
        field.setAccessible(true);
        ((Process) field.get(dog)).getOutputStream().close();
    }
}
