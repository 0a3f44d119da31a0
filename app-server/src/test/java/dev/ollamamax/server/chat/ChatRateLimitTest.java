package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket inference is counted by the same rate limiter (and counts) as the HTTP APIs. */
class ChatRateLimitTest {

    @TempDir
    Path home;

    @Test
    void chatInferencesCountAgainstTheUsersRateLimitLikeHttpRequests() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("Hi"));
             ChatGateway gw = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true")
                     .set(Setting.ALLOW_REGISTRATION, "true").set(Setting.RATE_LIMIT_PER_MINUTE, "3"), node)) {
            gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
            long inMinute = System.currentTimeMillis() % 60_000;
            if (inMinute > 50_000) {
                Thread.sleep(60_000 - inMinute + 200); // stay inside one fixed rate-limit window
            }
            String user = "rl-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> registered = http(gw, "POST", "/auth/register",
                    "{\"username\":\"" + user + "\",\"password\":\"a long enough password\"}", null);
            assertThat(registered.statusCode()).isEqualTo(201);
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(registered.body()).path("access_token").asText();
            try (TestWs ws = gw.connect(Listener.PRIMARY, "", Map.of("Authorization", "Bearer " + token))) {
                ws.next(ServerFrame.AuthOk.class);
                for (int i = 1; i <= 3; i++) {
                    ws.send(new ClientFrame.Inference("g" + i, "llama3.2", null, "hi", null, null, null));
                    assertThat(ws.generation("g" + i)).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
                }
                ws.send(new ClientFrame.Inference("g4", "llama3.2", null, "hi", null, null, null));
                ServerFrame.ErrorFrame refused = ws.next(ServerFrame.ErrorFrame.class);
                assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(refused.id()).isEqualTo("g4");
            }
            // the chat's three inferences used up the same per-minute budget as HTTP requests
            assertThat(http(gw, "GET", "/api/tags", null, token).statusCode()).isEqualTo(429);
        }
    }

    static HttpResponse<String> http(ChatGateway gw, String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port(Listener.PRIMARY) + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
