package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open {@code /chat} session ends within 5 s of logout, key revocation, password change, role change or
 * token expiry: an {@code unauthorized} error, then the close. Real accounts in PostgreSQL, revocations in Redis.
 */
class ChatLiveCredentialsTest {

    static final String PASSWORD = "a long enough password";
    @TempDir
    static Path home;
    static FakeOllama node;
    static ChatGateway gw;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("Hi"));
        gw = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true").set(Setting.ALLOW_REGISTRATION, "true")
                .set(Setting.WS_AUTH_RECHECK_MS, "500"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    record Account(String name, String access, String refresh) {
    }

    static Account register() throws Exception {
        String user = "live-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> res = http("POST", "/auth/register", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        JsonNode tokens = JSON.readTree(res.body());
        return new Account(user, tokens.path("access_token").asText(), tokens.path("refresh_token").asText());
    }

    static HttpResponse<String> http(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port(Listener.PRIMARY) + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static TestWs open(String credential) {
        TestWs ws = gw.connect(Listener.WEBSOCKET, "", Map.of("Authorization", "Bearer " + credential));
        ws.next(ServerFrame.AuthOk.class);
        return ws;
    }

    /** The session is told {@code unauthorized} and closed, within 5 s of the change. */
    static void assertEndedWithin5s(TestWs ws, long changedAtNanos) throws InterruptedException {
        ServerFrame.ErrorFrame e = ws.next(ServerFrame.ErrorFrame.class);
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        while (ws.closed == null && System.nanoTime() - changedAtNanos < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(20);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - changedAtNanos)).isLessThan(Duration.ofSeconds(5));
        assertThat(ws.closed).startsWith("1008");
    }

    @Test
    void logoutEndsTheOpenChatSession() throws Exception {
        Account a = register();
        try (TestWs ws = open(a.access())) {
            long t = System.nanoTime();
            assertThat(http("POST", "/auth/logout", "{\"refresh_token\":\"" + a.refresh() + "\"}", a.access()).statusCode()).isEqualTo(204);
            assertEndedWithin5s(ws, t);
        }
    }

    @Test
    void revokingTheKeyEndsTheOpenChatSession() throws Exception {
        Account a = register();
        JsonNode key = JSON.readTree(http("POST", "/auth/keys", "{\"name\":\"chat\"}", a.access()).body());
        try (TestWs ws = open(key.path("key").asText())) {
            long t = System.nanoTime();
            assertThat(http("DELETE", "/auth/keys/" + key.path("id").asText(), null, a.access()).statusCode()).isEqualTo(204);
            assertEndedWithin5s(ws, t);
        }
    }

    @Test
    void changingThePasswordEndsTheOpenChatSession() throws Exception {
        Account a = register();
        try (TestWs ws = open(a.access())) {
            long t = System.nanoTime();
            assertThat(http("POST", "/auth/change-password", "{\"current_password\":\"" + PASSWORD
                    + "\",\"new_password\":\"another long enough password\"}", a.access()).statusCode()).isEqualTo(200);
            assertEndedWithin5s(ws, t);
        }
    }

    @Test
    void changingTheRoleEndsTheOpenChatSession() throws Exception {
        Account a = register();
        try (TestWs ws = open(a.access())) {
            long t = System.nanoTime();
            gw.gateway().feature(StoreFeature.class).orElseThrow().database().transaction(c -> {
                try (var ps = c.prepareStatement("UPDATE users SET role = CASE role WHEN 'admin' THEN 'user' ELSE 'admin' END "
                        + "WHERE username = ?")) {
                    ps.setString(1, a.name());
                    return ps.executeUpdate();
                }
            });
            assertEndedWithin5s(ws, t);
        }
    }

    @Test
    void aSessionStaysOpenWhileItsCredentialIsGood() throws Exception {
        Account a = register();
        try (TestWs ws = open(a.access())) {
            assertThat(ws.drain(Duration.ofMillis(1500))).noneMatch(f -> f instanceof ServerFrame.ErrorFrame);
            assertThat(ws.closed).isNull();
        }
    }

    @Test
    void anExpiredTokenEndsTheOpenChatSession() throws Exception {
        try (ChatGateway shortLived = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true")
                .set(Setting.ALLOW_REGISTRATION, "true").set(Setting.JWT_TTL_SECONDS, "2").set(Setting.WS_AUTH_RECHECK_MS, "500"), node)) {
            shortLived.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
            String user = "ttl-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + shortLived.port(Listener.PRIMARY) + "/auth/register")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = JSON.readTree(res.body()).path("access_token").asText();
            long issued = System.nanoTime();
            try (TestWs ws = shortLived.connect(Listener.FALLBACK, "", Map.of("Authorization", "Bearer " + token))) {
                ws.next(ServerFrame.AuthOk.class);
                // expires 2 s after issue: ended within 5 s of that
                assertEndedWithin5s(ws, issued + Duration.ofSeconds(2).toNanos());
            }
        }
    }
}
