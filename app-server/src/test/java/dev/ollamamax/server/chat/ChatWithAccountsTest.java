package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat on the standard gateway with auth on: real accounts in PostgreSQL, conversations stored. */
class ChatWithAccountsTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static ChatGateway gw;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("Hi", " there"));
        gw = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
        String user = "chat-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tokens = TestAccounts.user(gw.gateway(), user, "a long enough password");
        token = tokens.path("access_token").asText();
        assertThat(token).isNotBlank();
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
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

    @Test
    void aTokenFromTheHttpApiAuthenticatesChatOnEveryListener() {
        for (Listener listener : Listener.values()) {
            try (TestWs ws = gw.connect(listener, "?token=" + token, Map.of())) {
                assertThat(ws.next(f -> f instanceof ServerFrame.AuthOk)).isInstanceOfSatisfying(ServerFrame.AuthOk.class,
                        ok -> assertThat(ok.user()).startsWith("chat-"));
            }
        }
    }

    @Test
    void aBadTokenIsRefused() {
        try (TestWs ws = gw.connect(Listener.FALLBACK)) {
            ws.send(new ClientFrame.Auth("not-a-token"));
            assertThat(ws.next(f -> f instanceof ServerFrame.ErrorFrame)).isInstanceOfSatisfying(ServerFrame.ErrorFrame.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        }
    }

    @Test
    void aChatWithAConversationIdIsStoredAndReadableOverHttp() throws Exception {
        String conversation = UUID.randomUUID().toString();
        try (TestWs ws = gw.connect(Listener.WEBSOCKET, "", Map.of("Authorization", "Bearer " + token))) {
            ws.next(f -> f instanceof ServerFrame.AuthOk);
            ws.send(new ClientFrame.Inference("g1", "llama3.2", null, "hello", conversation, null, null));
            List<ServerFrame> frames = ws.generation("g1");
            assertThat(frames).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
        }
        JsonNode transcript = null;
        for (int i = 0; i < 50; i++) { // stored right after the done frame went out
            HttpResponse<String> res = http("GET", "/api/v1/conversations/" + conversation, null, token);
            if (res.statusCode() == 200) {
                transcript = JSON.readTree(res.body());
                if (transcript.toString().contains("Hi there")) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertThat(transcript).isNotNull();
        assertThat(transcript.toString()).contains("hello").contains("Hi there");
    }

    /** Issue 10, item 8: a key limited to some models is refused others on /chat too, with a forbidden frame. */
    @Test
    void aKeyLimitedToAModelGetsAForbiddenFrameForAnother() throws Exception {
        HttpResponse<String> created = http("POST", "/auth/keys", "{\"name\":\"narrow\",\"models\":[\"llama3.2\"]}", token);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = JSON.readTree(created.body()).get("key").asText();
        try (TestWs ws = gw.connect(Listener.PRIMARY, "?token=" + key, Map.of())) {
            ws.next(f -> f instanceof ServerFrame.AuthOk);
            ws.send(new ClientFrame.Inference("g-other", "phi3", null, "hello", null, null, null));
            assertThat(ws.next(f -> f instanceof ServerFrame.ErrorFrame)).isInstanceOfSatisfying(ServerFrame.ErrorFrame.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.id()).isEqualTo("g-other");
                        assertThat(e.message()).contains("'phi3'");
                    });
            ws.send(new ClientFrame.Inference("g-ok", "llama3.2", null, "hello", null, null, null));
            assertThat(ws.generation("g-ok")).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
        }
    }
}
