package dev.ollamamax.server.conversations;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation store as the chat uses it, and /api/v1/conversations, on a real gateway and database. */
class ConversationsTest {

    @TempDir
    static Path home;

    static Gateway gateway;
    static ConversationStore store;
    static long aliceId;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config(home).build(), ctx -> List.of());
        TestGateways.awaitStores(gateway, false, Duration.ofSeconds(90));
        store = gateway.feature(ConversationsFeature.class).orElseThrow().store();
        JsonNode a = TestAccounts.user(gateway, "alice", "alice's password");
        aliceId = a.at("/user/id").asLong();
        alice = "Bearer " + a.get("access_token").asText();
        bob = "Bearer " + TestAccounts.user(gateway, "bob", "bob's password")
                .get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    @Test
    void aChatExchangeIsStoredWithModelNodeAndUsageAndCanBeReadBack() throws Exception {
        store.append(aliceId, "chat-1", List.of(NewMessage.user("Why is the sky blue?"),
                NewMessage.assistant("Rayleigh scattering.", "llama3", "node-a", 12, 5)));
        store.append(aliceId, "chat-1", List.of(NewMessage.user("And sunsets?"),
                NewMessage.assistant("Longer path, blue scattered away.", "llama3", "node-b", 30, 9)));

        Response list = get(url("/api/v1/conversations"), "Authorization", alice);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode first = list.json().at("/conversations/0");
        assertThat(first.get("id").asText()).isEqualTo("chat-1");
        assertThat(first.get("title").asText()).isEqualTo("Why is the sky blue?");
        assertThat(first.get("message_count").asInt()).isEqualTo(4);

        JsonNode read = get(url("/api/v1/conversations/chat-1"), "Authorization", alice).json();
        assertThat(read.get("messages")).hasSize(4);
        assertThat(read.at("/messages/3/node").asText()).isEqualTo("node-b");
        assertThat(read.at("/messages/3/usage/completion_tokens").asInt()).isEqualTo(9);

        Response md = get(url("/api/v1/conversations/chat-1/export?format=md"), "Authorization", alice);
        assertThat(md.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
        assertThat(md.body()).startsWith("# Why is the sky blue?").contains("## Assistant (llama3 on node-a)")
                .contains("Rayleigh scattering.").contains("12 prompt tokens, 5 completion tokens");
        Response js = get(url("/api/v1/conversations/chat-1/export?format=json"), "Authorization", alice);
        assertThat(js.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("chat-1.json"));
        assertThat(js.json().get("messages")).hasSize(4);
        assertThat(get(url("/api/v1/conversations/chat-1/export?format=pdf"), "Authorization", alice).status())
                .isEqualTo(400);
    }

    @Test
    void renameAndDelete() throws Exception {
        store.append(aliceId, "chat-2", List.of(NewMessage.user("hello")));
        Response renamed = send("PATCH", url("/api/v1/conversations/chat-2"), json("title", "Greetings"),
                "Authorization", alice);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("title").asText()).isEqualTo("Greetings");
        assertThat(send("DELETE", url("/api/v1/conversations/chat-2"), null, "Authorization", alice).status())
                .isEqualTo(204);
        Response gone = get(url("/api/v1/conversations/chat-2"), "Authorization", alice);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).contains("no conversation chat-2");
    }

    @Test
    void nobodySeesOrWritesIntoSomeoneElsesConversation() throws Exception {
        store.append(aliceId, "private-1", List.of(NewMessage.user("secret plans")));
        assertThat(get(url("/api/v1/conversations/private-1"), "Authorization", bob).status()).isEqualTo(404);
        assertThat(send("DELETE", url("/api/v1/conversations/private-1"), null, "Authorization", bob).status())
                .isEqualTo(404);
        assertThat(get(url("/api/v1/conversations"), "Authorization", bob).json().get("conversations").toString())
                .doesNotContain("private-1");
        long bobId = get(url("/auth/me"), "Authorization", bob).json().get("id").asLong();
        assertThatThrownBy(() -> store.append(bobId, "private-1", List.of(NewMessage.user("hijack"))))
                .isInstanceOf(ConversationException.class).hasMessageContaining("belongs to another user");
        assertThat(get(url("/api/v1/conversations"))).extracting(Response::status).isEqualTo(401);
    }

    @Test
    void malformedIdsAreRefused() {
        assertThatThrownBy(() -> store.append(aliceId, "../etc", List.of(NewMessage.user("x"))))
                .isInstanceOf(ConversationException.class).hasMessageContaining("conversation_id");
    }
}
