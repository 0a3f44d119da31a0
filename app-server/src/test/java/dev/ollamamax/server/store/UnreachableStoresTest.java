package dev.ollamamax.server.store;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.shared.config.Setting;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreachableStoresTest {

    @TempDir
    Path home;

    @Test
    void withoutItsDatabaseAndCacheTheGatewayStillListensAndSaysWhatIsMissing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (Gateway gateway = TestGateways.start(TestGateways.config(home)
                .set(Setting.DATABASE_URL, "postgres://u:p@127.0.0.1:" + closed + "/db")
                .set(Setting.REDIS_URL, "redis://127.0.0.1:" + closed)
                .build(), ctx -> List.of())) {
            String base = TestGateways.url(gateway, Listener.PRIMARY, "");
            assertThat(get(base + "/health").status()).isEqualTo(200);
            Response login = post(base + "/auth/login", json("username", "a", "password", "b"));
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.json().get("error").asText()).startsWith("database");
            DegradedStoresTest.await(() -> get(base + "/health/ready").json().at("/checks/database/status").asText()
                    .equals("DEGRADED"));
            Response ready = get(base + "/health/ready");
            assertThat(ready.json().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(ready.json().at("/checks/cache/status").asText()).isEqualTo("DEGRADED");
            assertThat(ready.body()).doesNotContain("u:p@").doesNotContain("127.0.0.1:" + closed)
                    .as("anonymous callers see states, not messages").doesNotContain("message");
        }
    }
}
