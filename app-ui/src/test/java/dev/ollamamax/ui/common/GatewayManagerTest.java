package dev.ollamamax.ui.common;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayManagerTest {

    @TempDir
    Path home;

    @Test
    void theEmbeddedStoresAreServicesTheListenersDependOnSoRestartAllStartsThemFirst() {
        ServiceRegistry registry = new ServiceRegistry();
        Config config = Config.builder().set(Setting.PORT, "0").set(Setting.WS_PORT, "0").set(Setting.FALLBACK_PORT, "0")
                .set(Setting.POSTGRES_PORT, "0").set(Setting.REDIS_PORT, "0").set(Setting.OLLAMAMAX_HOME, home.toString())
                .build();
        try (GatewayManager gateway = new GatewayManager(config, registry)) {
            List<String> changes = new ArrayList<>();
            gateway.onChange(() -> changes.add(gateway.gateway().isPresent() ? "created" : "stopped"));

            gateway.start();

            assertThat(changes).containsExactly("created");
            assertThat(registry.all()).extracting(ManagedService::id)
                    .containsExactly("postgres", "redis", "gateway.primary", "gateway.websocket", "gateway.fallback");
            assertThat(registry.find("gateway.primary").orElseThrow().dependsOn()).containsExactly("postgres", "redis");
            assertThat(registry.startOrder()).extracting(ManagedService::id).startsWith("postgres", "redis");
            int primary = gateway.gateway().orElseThrow().port(Listener.PRIMARY).orElseThrow();
            assertThat(gateway.chatEndpoints()).hasSize(3).first().hasToString("ws://127.0.0.1:" + primary + "/chat");
            assertThat(gateway.apiBase()).get().hasToString("http://127.0.0.1:" + primary);
            await(Duration.ofSeconds(60), () -> { }, () -> registry.find("postgres").orElseThrow().state()
                    == ManagedService.State.RUNNING, "the embedded PostgreSQL");
            assertThat(gateway.authEnabled()).isTrue();
            await(Duration.ofSeconds(30), () -> { }, () -> gateway.localToken().isPresent(), "a local token");

            gateway.stop();
            assertThat(changes).containsExactly("created", "stopped");
            assertThat(gateway.chatEndpoints()).isEmpty();
        }
    }
}
