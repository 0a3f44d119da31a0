package dev.ollamamax.server.conversations;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.store.StoreFeature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Branches (edit a question, regenerate an answer), images and thinking kept per message, and full-text
 * search over a user's own conversations: the store and /api/v1/conversations on a real gateway and PostgreSQL.
 */
class ConversationBranchesTest {

    @TempDir
    static Path home;
    static Gateway gateway;
    static ConversationStore store;
    static long carolId;
    static String carol;
    static String dave;

    static final String PNG = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff});

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.start(TestGateways.config(home).build(), ctx -> List.of());
        TestGateways.awaitStores(gateway, false, Duration.ofSeconds(90));
        store = gateway.feature(ConversationsFeature.class).orElseThrow().store();
        JsonNode c = TestAccounts.user(gateway, "carol", "carol's password");
        carolId = c.at("/user/id").asLong();
        carol = "Bearer " + c.get("access_token").asText();
        dave = "Bearer " + TestAccounts.user(gateway, "dave", "dave's password").get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    static List<String> contents(Transcript t) {
        return t.messages().stream().map(Message::content).toList();
    }

    @Test
    void editingAnEarlierQuestionStartsABranchAndKeepsTheOldOne() throws Exception {
        store.append(carolId, "b-1", List.of(NewMessage.user("Name a fruit"), NewMessage.assistant("Apple", "m", "n", 3, 1)));
        store.append(carolId, "b-1", List.of(NewMessage.user("Another?"), NewMessage.assistant("Pear", "m", "n", 5, 1)));

        store.branch(carolId, "b-1", 0, NewMessage.user("Name a vegetable"), NewMessage.assistant("Leek", "m", "n", 3, 1));
        Transcript t = store.get(carolId, "b-1").orElseThrow();
        assertThat(contents(t)).containsExactly("Name a vegetable", "Leek");
        assertThat(t.alternativesOf(t.messages().getFirst())).extracting(Message::content)
                .containsExactly("Name a fruit", "Name a vegetable");

        store.append(carolId, "b-1", List.of(NewMessage.user("Another one?"), NewMessage.assistant("Kale", "m", "n", 5, 1)));
        assertThat(contents(store.get(carolId, "b-1").orElseThrow()))
                .containsExactly("Name a vegetable", "Leek", "Another one?", "Kale");

        // the old branch comes back whole, and the HTTP API switches too
        long fruit = t.alternativesOf(t.messages().getFirst()).getFirst().id();
        Response chosen = send("PUT", url("/api/v1/conversations/b-1/messages/" + fruit + "/choice"), "{}", "Authorization", carol);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.json().at("/messages/0/alternative").asInt()).isEqualTo(1);
        assertThat(chosen.json().at("/messages/0/alternatives")).hasSize(2);
        assertThat(chosen.json().get("messages")).extracting(m -> m.get("content").asText())
                .containsExactly("Name a fruit", "Apple", "Another?", "Pear");
        assertThat(send("PUT", url("/api/v1/conversations/b-1/messages/" + fruit + "/choice"), "{}", "Authorization", dave).status())
                .isEqualTo(404);

        // editing the second question of the old branch branches there, under "Apple"
        store.branch(carolId, "b-1", 1, NewMessage.user("A red one?"), NewMessage.assistant("Cherry", "m", "n", 5, 1));
        Transcript after = store.get(carolId, "b-1").orElseThrow();
        assertThat(contents(after)).containsExactly("Name a fruit", "Apple", "A red one?", "Cherry");
        assertThat(after.alternativesOf(after.messages().get(2))).extracting(Message::content).containsExactly("Another?", "A red one?");
        String md = get(url("/api/v1/conversations/b-1/export?format=md"), "Authorization", carol).body();
        assertThat(md).contains("version 2 of 2").contains("Cherry").doesNotContain("Kale");
    }

    @Test
    void regeneratingAnEarlierAnswerIsABranchTooAndAnswersKeepTheirTurnNumbers() throws Exception {
        store.append(carolId, "b-2", List.of(NewMessage.user("Q1"), NewMessage.assistant("A1", "m", "n", 1, 1)));
        store.append(carolId, "b-2", List.of(NewMessage.user("Q2"), NewMessage.assistant("A2", "m", "n", 1, 1)));
        store.answerAgain(carolId, "b-2", 1, "Q2", NewMessage.assistant("A2 again", "m", "n", 1, 1));
        assertThat(contents(store.get(carolId, "b-2").orElseThrow())).containsExactly("Q1", "A1", "Q2", "A2 again");
        assertThat(store.choose(carolId, "b-2", 1, 0)).isTrue();
        assertThat(contents(store.get(carolId, "b-2").orElseThrow())).containsExactly("Q1", "A1", "Q2", "A2");
        assertThat(store.choose(carolId, "b-2", 1, 2)).isFalse();
        assertThat(store.choose(carolId, "b-2", 2, 0)).isFalse();
    }

    @Test
    void imagesAndThinkingAreKeptPerMessage() throws Exception {
        store.append(carolId, "b-3", List.of(NewMessage.user("What is this?", List.of(PNG, PNG)),
                NewMessage.assistant("A tiny PNG.", "llava", "n", 9, 4, "The bytes start with a PNG signature.")));
        Transcript t = store.get(carolId, "b-3").orElseThrow();
        assertThat(t.messages().get(0).images()).containsExactly(PNG, PNG);
        assertThat(t.messages().get(1).thinking()).contains("The bytes start with a PNG signature.");
        JsonNode read = get(url("/api/v1/conversations/b-3"), "Authorization", carol).json();
        assertThat(read.at("/messages/0/images/1").asText()).isEqualTo(PNG);
        assertThat(read.at("/messages/1/thinking").asText()).startsWith("The bytes");
        assertThat(read.at("/messages/0").has("thinking")).isFalse();
        String md = get(url("/api/v1/conversations/b-3/export?format=md"), "Authorization", carol).body();
        assertThat(md).contains("<details><summary>Thinking</summary>").contains("_2 images attached._");
    }

    @Test
    void searchFindsTheUsersOwnConversationsByWordsInMessagesAndTitles() throws Exception {
        store.append(carolId, "s-1", List.of(NewMessage.user("How do penguins keep warm?"),
                NewMessage.assistant("Penguins have dense feathers and a layer of fat.", "m", "n", 5, 9)));
        store.append(carolId, "s-2", List.of(NewMessage.user("Tell me about volcanoes"),
                NewMessage.assistant("Volcanic eruptions happen when magma rises.", "m", "n", 4, 7)));
        long daveId = get(url("/auth/me"), "Authorization", dave).json().get("id").asLong();
        store.append(daveId, "s-3", List.of(NewMessage.user("penguin facts please")));
        store.rename(carolId, "s-2", "Geology homework");

        JsonNode found = search("penguin feathers", carol);
        assertThat(found.get("results")).hasSize(1);
        assertThat(found.at("/results/0/conversation_id").asText()).isEqualTo("s-1");
        assertThat(found.at("/results/0/title").asText()).isEqualTo("How do penguins keep warm?");
        assertThat(found.at("/results/0/snippet").asText()).contains("**Penguins**").contains("**feathers**");
        assertThat(search("penguin", dave).get("results")).extracting(r -> r.get("conversation_id").asText()).containsExactly("s-3");
        assertThat(search("geology", carol).at("/results/0/conversation_id").asText()).isEqualTo("s-2");
        assertThat(search("eruption", carol).at("/results/0/snippet").asText()).contains("**eruptions**");
        assertThat(search("penguin -warm -feathers", carol).get("results")).isEmpty();
        assertThat(send("GET", url("/api/v1/conversations/search?q=%20"), null, "Authorization", carol).status()).isEqualTo(400);
        assertThat(send("GET", url("/api/v1/conversations/search?q=x"), null).status()).isEqualTo(401);
    }

    @Test
    void theMigrationHangsOldLinearConversationsOnTheirChosenAnswersSoTheyReadAsBefore() throws Exception {
        store.append(carolId, "legacy", List.of(NewMessage.user("L1"), NewMessage.assistant("R1a", "m", "n", 1, 1)));
        store.answerAgain(carolId, "legacy", 0, "L1", NewMessage.assistant("R1b", "m", "n", 1, 1));
        store.append(carolId, "legacy", List.of(NewMessage.user("L2"), NewMessage.assistant("R2", "m", "n", 1, 1)));
        store.choose(carolId, "legacy", 0, 0);
        store.chooseMessage(carolId, "legacy", store.get(carolId, "legacy").orElseThrow().alternativesOf(
                store.get(carolId, "legacy").orElseThrow().messages().get(1)).get(1).id()); // back to R1b, which L2 follows
        String sql = Files.readString(Path.of("src/main/resources/db/migration/V12__branches_images_thinking_search.sql"));
        String update = sql.substring(sql.indexOf("UPDATE messages u"), sql.indexOf(";", sql.indexOf("UPDATE messages u")));
        gateway.feature(StoreFeature.class).orElseThrow().database().transaction(c -> {
            // as V11 left them: questions without a parent
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET parent_id = NULL WHERE conversation_id = 'legacy' AND role = 'user'")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(update)) {
                return ps.executeUpdate();
            }
        });
        Transcript t = store.get(carolId, "legacy").orElseThrow();
        assertThat(contents(t)).containsExactly("L1", "R1b", "L2", "R2");
        assertThat(t.alternativesOf(t.messages().get(1))).hasSize(2);
        assertThat(t.alternativesOf(t.messages().get(0))).hasSize(1);
    }

    static JsonNode search(String q, String who) {
        Response r = get(url("/api/v1/conversations/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)), "Authorization", who);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
