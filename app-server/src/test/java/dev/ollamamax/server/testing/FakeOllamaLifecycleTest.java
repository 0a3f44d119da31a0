package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FakeOllamaLifecycleTest {

    @Test
    void stopRefusesConnectionsAndRestartServesTheSameModelsOnTheSamePort() throws Exception {
        try (FakeOllama fake = FakeOllama.start().model("m").loaded("m");
             FakeOllamaHttp http = new FakeOllamaHttp(fake.url())) {
            int port = fake.port();
            assertThat(http.get("/api/tags").statusCode()).isEqualTo(200);

            fake.stop();
            assertThat(fake.running()).isFalse();
            assertThatThrownBy(() -> http.get("/api/tags")).isInstanceOf(ConnectException.class);

            fake.restart();
            assertThat(fake.port()).isEqualTo(port);
            assertThat(http.json(http.get("/api/tags").body()).get("models")).hasSize(1);
            assertThat(http.json(http.get("/api/ps").body()).get("models")).as("a restarted node has nothing loaded")
                    .isEmpty();
        }
    }

    @Test
    void startsOnAGivenPortAndFreesItOnClose() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        FakeOllama fake = FakeOllama.start(port);
        assertThat(fake.url().toString()).isEqualTo("http://127.0.0.1:" + port);

        fake.close();

        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThatThrownBy(fake::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startingOnAPortInUseFailsWithAClearMessage() throws Exception {
        try (FakeOllama first = FakeOllama.start()) {
            assertThatThrownBy(() -> FakeOllama.start(first.port()))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
