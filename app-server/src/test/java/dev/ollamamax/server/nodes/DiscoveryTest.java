package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path home;

    /** Something listening that is not Ollama: answers every request with a 404 page. */
    private static ServerSocket notOllama() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[4096]);
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // closed
                }
            }
        });
        return server;
    }

    @Test
    void discoveryAddsLocalOllamaServersAndIgnoresOtherListeners() throws Exception {
        try (FakeOllama ollama = FakeOllama.start().model("llama3.2");
             ServerSocket other = notOllama()) {
            String ports = ollama.port() + "," + other.getLocalPort();
            try (TestGateway gw = TestGateway.start(home, Map.of(Setting.ENABLE_OLLAMA_DISCOVERY, "true",
                    Setting.DISCOVERY_PORTS, ports, Setting.OLLAMA_NODES, ""))) {
                NodeRegistry registry = gw.nodes().registry();
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (registry.get("127.0.0.1:" + ollama.port()).map(n -> n.status() != NodeStatus.UP).orElse(true)) {
                    assertThat(System.nanoTime()).as("the Ollama server was not discovered").isLessThan(end);
                    Thread.sleep(50);
                }
                assertThat(registry.all()).extracting(Node::id).containsExactly("127.0.0.1:" + ollama.port());
                assertThat(gw.get("/api/tags").body()).contains("llama3.2");
            }
        }
    }
}
