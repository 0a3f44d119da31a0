package dev.ollamamax.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.ChatMessage;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerate keeps history straight: one question answered three times is stored as one question with three
 * answers, the last one chosen; a choice is stored; all of it survives a restart of the gateway.
 */
class RegenerateTest {

    @TempDir
    Path home;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void regeneratingTwiceStoresOneQuestionWithThreeAnswersAndTheChoiceSurvivesARestart() throws Exception {
        String conversation = UUID.randomUUID().toString();
        String user = "regen-" + conversation.substring(0, 8);
        try (FakeOllama node = FakeOllama.start().model("m")) {
            String token;
            try (ChatGateway gw = start(node)) {
                token = dev.ollamamax.server.TestAccounts.user(gw.gateway(), user, "a long enough password")
                        .path("access_token").asText();
                try (TestWs ws = gw.connect(Listener.PRIMARY, "?token=" + token, Map.of())) {
                    ws.next(f -> f instanceof ServerFrame.AuthOk);
                    List<ChatMessage> question = List.of(ChatMessage.user("what is up"));
                    for (int i = 1; i <= 3; i++) {
                        node.reply("m", List.of("answer", " " + i));
                        ws.send(new ClientFrame.Inference("g" + i, "m", question, null, conversation, null, null,
                                i > 1 ? Boolean.TRUE : null));
                        assertThat(ws.generation("g" + i)).anyMatch(f -> f instanceof ServerFrame.StreamChunk c && c.done());
                        awaitAnswers(gw, token, conversation, i);
                    }
                }
                JsonNode t = read(gw, token, conversation);
                assertThat(t.path("messages")).hasSize(2);
                assertThat(t.at("/messages/0/content").asText()).isEqualTo("what is up");
                assertThat(t.at("/messages/1/content").asText()).isEqualTo("answer 3");
                assertThat(t.at("/messages/1/alternative").asInt()).isEqualTo(3);
                assertThat(http(gw, "PUT", "/api/v1/conversations/" + conversation + "/turns/0/choice",
                        "{\"alternative\":1}", token).statusCode()).isEqualTo(200);
                assertThat(http(gw, "PUT", "/api/v1/conversations/" + conversation + "/turns/0/choice",
                        "{\"alternative\":7}", token).statusCode()).isEqualTo(404);
            }
            try (ChatGateway again = start(node)) { // the same PostgreSQL, a new gateway
                JsonNode t = read(again, token, conversation);
                assertThat(t.path("messages")).hasSize(2);
                assertThat(t.at("/messages/1/content").asText()).isEqualTo("answer 2");
                assertThat(t.at("/messages/1/alternatives")).hasSize(3);
                String md = http(again, "GET", "/api/v1/conversations/" + conversation + "/export?format=md", null, token).body();
                assertThat(md).contains("answer 2").doesNotContain("answer 1").doesNotContain("answer 3")
                        .contains("answer 2 of 3");
                assertThat(md.split("what is up", -1)).hasSize(3); // the title and the question, once each
            }
        }
    }

    private ChatGateway start(FakeOllama node) throws Exception {
        ChatGateway gw = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
        return gw;
    }

    private static void awaitAnswers(ChatGateway gw, String token, String conversation, int answers) throws Exception {
        for (int i = 0; i < 50; i++) { // stored right after the done frame went out
            HttpResponse<String> res = http(gw, "GET", "/api/v1/conversations/" + conversation, null, token);
            if (res.statusCode() == 200 && res.body().contains("answer " + answers)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("answer " + answers + " was not stored");
    }

    private static JsonNode read(ChatGateway gw, String token, String conversation) throws Exception {
        HttpResponse<String> res = http(gw, "GET", "/api/v1/conversations/" + conversation, null, token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static HttpResponse<String> http(ChatGateway gw, String method, String path, String body, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port(Listener.PRIMARY) + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
