package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerServiceTest {

    @TempDir
    Path home;

    Gateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    Gateway gateway() {
        Config config = Config.builder().set(Setting.PORT, "0").set(Setting.WS_PORT, "0")
                .set(Setting.FALLBACK_PORT, "0").set(Setting.OLLAMAMAX_HOME, home.toString()).build();
        gateway = Gateway.create(config);
        return gateway;
    }

    static int health(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void restartsOneListenerOnTheSamePortWhileTheOthersKeepRunning() throws Exception {
        List<ListenerService> services = ListenerService.of(gateway());
        services.forEach(ListenerService::start);
        ListenerService fallback = services.get(2);
        int port = fallback.port().orElseThrow();
        List<String> followed = new ArrayList<>();
        AutoCloseable follow = fallback.followLog(followed::add);

        fallback.stop();
        assertThat(fallback.state()).isEqualTo(ManagedService.State.STOPPED);
        assertThat(services.get(0).state()).isEqualTo(ManagedService.State.RUNNING);
        fallback.restart();
        follow.close();

        assertThat(fallback.id()).isEqualTo("gateway.fallback");
        assertThat(fallback.planned()).contains(Listener.FALLBACK.service());
        assertThat(fallback.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(fallback.port()).contains(port);
        assertThat(health(port)).isEqualTo(200);
        assertThat(followed).hasSize(2);
        assertThat(followed.get(1)).endsWith("Fallback endpoint restarted on port " + port);
        assertThat(fallback.recentLog()).hasSize(3);
    }

    @Test
    void aListenerThatCannotBindSaysWhyInItsDetail() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Config config = Config.builder().set(Setting.PORT, String.valueOf(taken.getLocalPort()))
                    .set(Setting.OLLAMAMAX_HOME, home.toString()).build();
            gateway = Gateway.create(config);
            ListenerService primary = new ListenerService(gateway, Listener.PRIMARY);

            org.assertj.core.api.Assertions.assertThatThrownBy(primary::start)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
            assertThat(primary.state()).isEqualTo(ManagedService.State.STOPPED);
            assertThat(primary.detail()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
