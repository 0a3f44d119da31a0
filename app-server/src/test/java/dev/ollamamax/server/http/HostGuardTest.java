package dev.ollamamax.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS-rebinding finding of issue 10: {@code POST /auth/register} with {@code Host: rb.evil:13100} and
 * {@code Origin: http://rb.evil:13100} was answered 201. Every listener now refuses Hosts it does not serve,
 * on HTTP and on WebSocket upgrades, before routing.
 */
class HostGuardTest {

    static final String REGISTER = "{\"username\":\"rebound\",\"password\":\"a long password\"}";

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("llama3.2");
        gw = TestGateway.start(home, Map.of(Setting.AUTH_ENABLED, "true", Setting.ALLOW_REGISTRATION, "true",
                Setting.ALLOWED_HOSTS, "gateway.example.org"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    @Test
    void aRebindingPageCannotRegisterThroughAForeignHostName() throws Exception {
        RawHttp.Answer r = RawHttp.send(gw.port(Listener.PRIMARY),
                RawHttp.post("/auth/register", "rb.evil:13100", "http://rb.evil:13100", REGISTER));
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.text()).contains("ALLOWED_HOSTS").contains("rb.evil").doesNotContain("access_token");
    }

    @Test
    void everyListenerRefusesForeignHostsEvenOnOpenPaths() throws Exception {
        for (Listener listener : Listener.values()) {
            RawHttp.Answer r = RawHttp.send(gw.port(listener), "GET /health HTTP/1.1\r\nHost: rb.evil\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(listener + ": " + r.text()).isEqualTo(403);
        }
    }

    @Test
    void aWebSocketUpgradeUnderAForeignHostIsRefused() throws Exception {
        for (Listener listener : Listener.values()) {
            RawHttp.Answer r = RawHttp.send(gw.port(listener), RawHttp.upgrade("/chat", "rb.evil:13100", "http://rb.evil:13100"));
            assertThat(r.status()).as(listener + ": " + r.text()).isEqualTo(403);
            assertThat(r.text()).contains("ALLOWED_HOSTS");
        }
        RawHttp.Answer local = RawHttp.send(gw.port(Listener.PRIMARY), RawHttp.upgrade("/chat", "localhost:13100", null));
        assertThat(local.status()).as(local.text()).isEqualTo(101);
    }

    @Test
    void loopbackNamesAddressesAndAllowedHostsAreServed() throws Exception {
        int port = gw.port(Listener.PRIMARY);
        for (String host : new String[] {"localhost", "localhost:13100", "app.localhost:1", "127.0.0.1:" + port,
                "127.8.9.10", "[::1]:" + port, "192.168.1.20:13100", "gateway.example.org", "GATEWAY.example.org:443"}) {
            RawHttp.Answer r = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(host + ": " + r.text()).isEqualTo(200);
        }
    }

    @Test
    void registrationUnderALocalHostIsNotHinderedByTheGuard() throws Exception {
        RawHttp.Answer r = RawHttp.send(gw.port(Listener.PRIMARY),
                RawHttp.post("/auth/register", "127.0.0.1:" + gw.port(Listener.PRIMARY), null, REGISTER));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.text()).contains("\"role\":\"user\"");
    }
}
