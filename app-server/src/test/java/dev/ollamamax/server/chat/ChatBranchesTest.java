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
import dev.ollamamax.shared.protocol.GenerationSettings;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" for the chat: a conversation with an image and a reasoning model streams thinking and
 * answer apart and is stored with both; search finds it; editing the first message creates a branch; both
 * branches are there after a restart of the gateway.
 */
class ChatBranchesTest {

    @TempDir
    Path home;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String IMAGE = Base64.getEncoder().encodeToString("pixels of a lighthouse".getBytes());
    static final GenerationSettings THINK = new GenerationSettings(null, null, null, null, null, null, true, 4096, null);

    @Test
    void imageAndThinkingAreStoredSearchFindsThemAndAnEditedFirstMessageBranchesAcrossARestart() throws Exception {
        String conversation = UUID.randomUUID().toString();
        String user = "branch-" + conversation.substring(0, 8);
        try (FakeOllama node = FakeOllama.start().reply("qwen3-vl", List.of("A", " lighthouse", "."))
                .thinking("qwen3-vl", List.of("Tall", " tower", " by", " the", " sea"))) {
            String token;
            try (ChatGateway gw = start(node)) {
                token = dev.ollamamax.server.TestAccounts.user(gw.gateway(), user, "a long enough password")
                        .path("access_token").asText();
                try (TestWs ws = gw.connect(Listener.PRIMARY, "?token=" + token, Map.of())) {
                    ws.next(f -> f instanceof ServerFrame.AuthOk);
                    ChatMessage first = ChatMessage.user("What building is this?", List.of(IMAGE));
                    ws.send(new ClientFrame.Inference("g1", "qwen3-vl", List.of(first), null, conversation, THINK, null));
                    List<ServerFrame> frames = ws.generation("g1");
                    assertThat(frames).filteredOn(f -> f instanceof ServerFrame.StreamChunk c && c.isThinking()).hasSize(5);
                    awaitMessages(gw, token, conversation, 2);

                    ws.send(new ClientFrame.Inference("g2", "qwen3-vl", List.of(first, ChatMessage.assistant("A lighthouse."),
                            ChatMessage.user("How tall?")), null, conversation, THINK, null));
                    ws.generation("g2");
                    awaitMessages(gw, token, conversation, 4);

                    node.reply("qwen3-vl", List.of("A", " windmill", "."));
                    ws.send(new ClientFrame.Inference("g3", "qwen3-vl", List.of(ChatMessage.user("And this one?", List.of(IMAGE))),
                            null, conversation, THINK, null, null, Boolean.TRUE));
                    ws.generation("g3");
                    awaitMessages(gw, token, conversation, 2);
                }
                JsonNode t = read(gw, token, conversation);
                assertThat(t.get("messages")).extracting(m -> m.get("content").asText()).containsExactly("And this one?", "A windmill.");
                assertThat(t.at("/messages/0/alternative").asInt()).isEqualTo(2);
                assertThat(t.at("/messages/0/images/0").asText()).isEqualTo(IMAGE);
                assertThat(t.at("/messages/1/thinking").asText()).isEqualTo("Tall tower by the sea");

                JsonNode found = JSON.readTree(http(gw, "GET", "/api/v1/conversations/search?q=lighthouse", null, token).body());
                assertThat(found.at("/results/0/conversation_id").asText()).isEqualTo(conversation);
                assertThat(found.at("/results/0/snippet").asText()).contains("**lighthouse**");
            }
            try (ChatGateway again = start(node)) { // the same PostgreSQL, a new gateway
                JsonNode t = read(again, token, conversation);
                JsonNode versions = t.at("/messages/0/alternatives");
                assertThat(versions).extracting(v -> v.get("content").asText()).containsExactly("What building is this?", "And this one?");
                long old = versions.get(0).get("id").asLong();
                HttpResponse<String> back = http(again, "PUT", "/api/v1/conversations/" + conversation + "/messages/" + old + "/choice", "{}", token);
                assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
                assertThat(JSON.readTree(back.body()).get("messages")).extracting(m -> m.get("content").asText())
                        .containsExactly("What building is this?", "A lighthouse.", "How tall?", "A lighthouse.");
            }
        }
    }

    private ChatGateway start(FakeOllama node) throws Exception {
        ChatGateway gw = ChatGateway.start(home, c -> c.set(Setting.AUTH_ENABLED, "true"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
        return gw;
    }

    /** Waits until the chosen path has {@code count} messages (stored right after the done frame went out). */
    private static void awaitMessages(ChatGateway gw, String token, String conversation, int count) throws Exception {
        String last = null;
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> res = http(gw, "GET", "/api/v1/conversations/" + conversation, null, token);
            last = res.body();
            if (res.statusCode() == 200 && JSON.readTree(res.body()).get("messages").size() == count
                    && !JSON.readTree(res.body()).get("messages").get(count - 1).path("role").asText().equals("user")) {
                if (count != 2 || JSON.readTree(res.body()).at("/messages/1/content").asText().endsWith(".")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the conversation did not reach " + count + " messages: " + last);
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
