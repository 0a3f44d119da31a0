package dev.ollamamax.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop app in its own JVM (headless Monocle), with its own embedded PostgreSQL and Redis. Issue 16:
 * after {@code kill -9} of the desktop they kept running; a SIGTERM did not stop them either (JavaFX does not
 * call {@code Application.stop()} on a signal).
 */
@EnabledOnOs(OS.LINUX)
class DesktopProcessTest {

    @TempDir
    Path dir;

    @Test
    void killNineThenRestartLeavesExactlyOnePostgresAndRedisAndSigtermStopsThem() throws Exception {
        Path home = dir.resolve("home");
        Process first = launch(home, "first.log");
        try {
            Servers old = awaitServers(home, Duration.ofSeconds(90), first);

            first.destroyForcibly().waitFor();

            assertThat(gone(old.postgres(), Duration.ofSeconds(10)) && gone(old.redis(), Duration.ofSeconds(10)))
                    .as("the killed desktop's PostgreSQL and Redis end with it").isTrue();
        } finally {
            first.destroyForcibly();
        }

        Process second = launch(home, "second.log");
        try {
            long t0 = System.nanoTime();
            Servers now = awaitServers(home, Duration.ofSeconds(60), second);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            assertThat(postgresOf(home)).containsExactly(now.postgres());
            assertThat(redisOf(home)).containsExactly(now.redis());

            second.destroy(); // SIGTERM
            assertThat(second.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the desktop exits on SIGTERM").isTrue();
            assertThat(gone(now.postgres(), Duration.ofSeconds(10)) && gone(now.redis(), Duration.ofSeconds(10)))
                    .as("SIGTERM stops the desktop's PostgreSQL and Redis").isTrue();
        } finally {
            second.destroyForcibly();
        }
    }

    private Process launch(Path home, String log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtestfx.headless=true", "-Dprism.order=sw", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Djava.awt.headless=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.ollamamax.ui.Launcher"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        pb.environment().putAll(java.util.Map.of("OLLAMAMAX_HOME", home.toString(), "PORT", "0", "WS_PORT", "0",
                "FALLBACK_PORT", "0", "POSTGRES_PORT", "0", "REDIS_PORT", "0", "ENABLE_LOCAL_OLLAMA", "false",
                "OLLAMA_NODES", "", "AUTH_ENABLED", "false"));
        return pb.start();
    }

    private record Servers(long postgres, long redis) {
    }

    private Servers awaitServers(Path home, Duration timeout, Process desktop) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            assertThat(desktop.isAlive()).as("the desktop runs; see " + dir).isTrue();
            Optional<Long> pg = serverPid(home, "postgres");
            Optional<Long> redis = serverPid(home, "redis");
            if (pg.isPresent() && redis.isPresent()) {
                return new Servers(pg.get(), redis.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("PostgreSQL and Redis did not start; see " + dir);
    }

    private static Optional<Long> serverPid(Path home, String store) {
        try {
            return Files.readAllLines(home.resolve("run/" + store + ".properties")).stream()
                    .filter(l -> l.startsWith("server-pid=")).map(l -> Long.parseLong(l.substring(11)))
                    .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Long> postgresOf(Path home) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(home.toString())).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** redis-server renames its process; it runs in {@code <home>/redis}. */
    private static List<Long> redisOf(Path home) {
        Path redisDir = home.resolve("redis").toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .filter(h -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")).equals(redisDir);
                    } catch (IOException e) {
                        return false;
                    }
                })
                .map(ProcessHandle::pid).toList();
    }

    private static boolean gone(long pid, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
