package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.testing.FakeOllamaBinary;
import dev.ollamamax.shared.ports.probe.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OllamaServeServiceTest {

    @TempDir
    Path dir;

    OllamaServeService service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    static int version(URI node) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            return http.send(HttpRequest.newBuilder(node.resolve("/api/version")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void startsOllamaServeWithOllamaHostAndIsRunningOnceItAnswers() throws Exception {
        Path binary = FakeOllamaBinary.install(dir.resolve("bin"));
        int port = FreePorts.nextFree("127.0.0.1", 20000);
        service = new OllamaServeService(binary, "127.0.0.1", port);
        List<String> followed = new CopyOnWriteArrayList<>();
        service.followLog(followed::add);

        service.start();

        assertThat(service.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(service.id()).isEqualTo("ollama:" + port);
        assertThat(service.port()).contains(port);
        assertThat(version(service.url())).isEqualTo(200);
        assertThat(service.recentLog()).anyMatch(l -> l.equals("fake ollama: serving on 127.0.0.1:" + port));
        assertThat(followed).anyMatch(l -> l.startsWith("FakeOllama listening on http://127.0.0.1:" + port));
    }

    @Test
    void aProcessThatDiesIsCrashedAndRestartBringsItBack() throws Exception {
        service = new OllamaServeService(FakeOllamaBinary.install(dir.resolve("bin")), "127.0.0.1",
                FreePorts.nextFree("127.0.0.1", 20100));
        service.start();
        long pid = service.pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (service.state() != ManagedService.State.CRASHED && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(service.state()).isEqualTo(ManagedService.State.CRASHED);
        assertThat(service.detail()).startsWith("ollama serve exited unexpectedly");
        service.restart();
        assertThat(service.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(service.pid()).isPresent().get().isNotEqualTo(pid);
        assertThat(version(service.url())).isEqualTo(200);
    }

    @Test
    void stopEndsTheProcessAndFreesThePort() throws Exception {
        service = new OllamaServeService(FakeOllamaBinary.install(dir.resolve("bin")), "127.0.0.1",
                FreePorts.nextFree("127.0.0.1", 20200));
        service.start();
        ProcessHandle process = ProcessHandle.of(service.pid().orElseThrow()).orElseThrow();

        service.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(service.state()).isEqualTo(ManagedService.State.STOPPED);
        assertThat(version(service.url())).isEqualTo(-1);
    }

    @Test
    void aBinaryThatExitsAtOnceFailsTheStartWithItsOwnWords() throws Exception {
        Path binary = FakeOllamaBinary.failing(dir.resolve("bin"), "Error: could not create directory /nope");
        service = new OllamaServeService(binary, "127.0.0.1", FreePorts.nextFree("127.0.0.1", 20300), Duration.ofSeconds(10));

        assertThatThrownBy(service::start).hasMessageContaining("exited with code 1")
                .hasMessageContaining("Error: could not create directory /nope");
        assertThat(service.state()).isEqualTo(ManagedService.State.CRASHED);
    }

    @Test
    void findsTheConfiguredBinaryOrTheFirstOnThePath() throws Exception {
        Path binary = FakeOllamaBinary.install(dir.resolve("bin"));

        assertThat(OllamaBinary.find("", Map.of("PATH", dir.resolve("none") + ":" + dir.resolve("bin")))).contains(binary);
        assertThat(OllamaBinary.find(binary.toString(), Map.of("PATH", ""))).contains(binary);
        assertThat(OllamaBinary.find("", Map.of("PATH", dir.resolve("none").toString()))).isEmpty();
        assertThat(OllamaBinary.find(dir.resolve("missing").toString(), Map.of("PATH", dir.resolve("bin").toString()))).isEmpty();
    }
}
