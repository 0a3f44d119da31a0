package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start of the embedded PostgreSQL can be cancelled at any point without waiting for it, leaves no
 * program running; its programs are its own, verified before they run.
 */
class PostgresLifecycleTest {

    @TempDir
    Path home;

    /**
     * The reproduction of issue 16: a gateway that stops (a taken port) while initdb is still running. Its
     * stop used to wait on the start's monitor, the interrupted initdb was then run into by a second start
     * (pg_ctl while initdb still ran), and the stop hung for a minute.
     */
    @Test
    void stopDuringInitdbReturnsAtOnceAndLeavesNoProgramRunning() throws Exception {
        EmbeddedPostgresService pg = new EmbeddedPostgresService(home, 0);
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> {
            try {
                pg.start();
            } catch (Exception expected) {
                // cancelled
            }
        });
        awaitProgram("initdb", Duration.ofSeconds(60));

        long t0 = System.nanoTime();
        pg.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        start.get();
        Thread.sleep(500);
        assertThat(programsOfThisHome()).as("no initdb, pg_ctl or postgres left").isEmpty();
        assertThat(pg.state()).isEqualTo(ManagedService.State.STOPPED);

        try {
            pg.start();
            assertThat(pg.state()).as("the half-initialised folder does not block the next start")
                    .isEqualTo(ManagedService.State.RUNNING);
        } finally {
            pg.stop();
        }
        assertThat(programsOfThisHome()).isEmpty();
    }

    /** Issue 10: another local user could plant {@code bin/postgres} where the binaries are extracted. */
    @Test
    void binariesLiveOwnerOnlyInTheHomeAndAModifiedOneIsNeverRun() throws Exception {
        EmbeddedPostgresService pg = new EmbeddedPostgresService(home, 0);
        try {
            pg.start();
            pg.stop();
            Path root = home.resolve("pg-bin");
            assertThat(Files.getPosixFilePermissions(root)).containsExactlyInAnyOrderElementsOf(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Path copy;
            try (var copies = Files.list(root.resolve("extracted"))) {
                copy = copies.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path marker = home.resolve("planted-binary-ran");
            Path postgres = copy.resolve("bin/postgres");
            Files.delete(postgres);
            Files.writeString(postgres, "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
            postgres.toFile().setExecutable(true);

            pg.start();

            assertThat(pg.state()).isEqualTo(ManagedService.State.RUNNING);
            assertThat(marker).as("the planted program was not run").doesNotExist();
            assertThat(new String(Files.readAllBytes(postgres), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("a fresh copy was extracted").doesNotContain("planted-binary-ran");
        } finally {
            pg.stop();
        }
    }

    private List<ProcessHandle> programsOfThisHome() {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                .toList();
    }

    private void awaitProgram(String name, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            boolean running = ProcessHandle.current().descendants()
                    .anyMatch(h -> h.info().command().map(c -> c.endsWith("/bin/" + name)).orElse(false)
                            && h.info().commandLine().map(c -> c.contains(home.toString())).orElse(false));
            if (running) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(name + " never ran");
    }
}
