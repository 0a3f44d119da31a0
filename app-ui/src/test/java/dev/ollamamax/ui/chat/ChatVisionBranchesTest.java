package dev.ollamamax.ui.chat;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat view-model with pictures, a reasoning model and branches, against a real gateway and node, without a
 * toolkit: thinking streams apart from the answer, token counts show, an edit branches and "1 / 2" switches,
 * search finds the conversation, and all of it is there after the desktop restarts.
 */
class ChatVisionBranchesTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    @TempDir
    Path dir;
    FakeOllama node;
    GatewayManager gateway;
    DesktopChatClient connection;
    ChatViewModel chat;

    @AfterEach
    void close() {
        chat.close();
        gateway.close();
        node.close();
    }

    void start() {
        gateway = DesktopGateways.manager(dir.resolve("home"), Map.of(), node);
        connection = new DesktopChatClient();
        chat = new ChatViewModel(connection, new ChatHistory(gateway), new ChatSettingsStore(dir.resolve("chat-settings.json")),
                () -> ModelChoices.of(gateway), new SameThreadUiExecutor());
        chat.refreshModels();
        connection.connect(gateway.chatEndpoints(), Optional.empty());
        chat.connecting();
        until(() -> chat.statusProperty().get() == ChatViewModel.Status.CONNECTED, "connected");
    }

    void until(java.util.function.BooleanSupplier condition, String what) {
        await(WAIT, chat::pulse, condition, what);
    }

    ChatItem lastAnswer() {
        return chat.items().reversed().stream().filter(i -> i.kind() == ChatItem.Kind.ASSISTANT).findFirst().orElseThrow();
    }

    List<String> texts() {
        return chat.items().stream().map(ChatItem::text).toList();
    }

    @Test
    void aPictureAndThinkingStreamApartAndAnEditedQuestionBranchesAcrossARestart() throws Exception {
        node = FakeOllama.start().reply("qwen3-vl", List.of("A", " red", " square.")).thinking("qwen3-vl", List.of("Looking", " closely"));
        start();
        chat.setThink(true);
        assertThat(chat.attachments().add("square.png", PNG)).isEmpty();
        chat.send("What is in this picture?");
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.DONE, "the answer");
        assertThat(answer.thinking()).isEqualTo("Looking closely");
        assertThat(answer.text()).isEqualTo("A red square.");
        assertThat(answer.completionTokens()).isEqualTo(5);
        assertThat(answer.detailProperty().get()).contains("5 tokens (prompt ");
        assertThat(chat.items().getFirst().images()).containsExactly(Base64.getEncoder().encodeToString(PNG));
        assertThat(chat.attachments().isEmpty()).isTrue();
        JsonNode sent = node.chats().getLast();
        assertThat(sent.path("think").asBoolean()).isTrue();
        assertThat(sent.at("/messages/0/images/0").asText()).isEqualTo(Base64.getEncoder().encodeToString(PNG));

        node.reply("qwen3-vl", List.of("Four", " corners."));
        chat.send("How many corners?");
        until(() -> lastAnswer().state() == ChatItem.State.DONE && lastAnswer().text().equals("Four corners."), "second answer");
        String id = chat.conversationIdProperty().get();
        ChatHistory history = new ChatHistory(gateway);
        await(WAIT, () -> { }, () -> stored(history, id, 4), "both turns stored");

        node.reply("qwen3-vl", List.of("A", " blue", " circle."));
        chat.edit(chat.items().getFirst(), "And what colour is it?");
        until(() -> chat.items().size() == 2 && chat.items().getFirst().versionPosition().equals("2 / 2"), "the branch read back");
        assertThat(texts()).containsExactly("And what colour is it?", "A blue circle.");
        assertThat(chat.items().getFirst().images()).hasSize(1); // the edited question keeps its picture
        assertThat(node.chats().getLast().at("/messages/0/content").asText()).isEqualTo("And what colour is it?");

        chat.showVersion(chat.items().getFirst(), -1);
        assertThat(texts()).containsExactly("What is in this picture?", "A red square.", "How many corners?", "Four corners.");
        assertThat(chat.items().getFirst().versionPosition()).isEqualTo("1 / 2");
        assertThat(chat.items().get(1).thinking()).isEqualTo("Looking closely"); // thinking is stored too

        chat.search().search("corners");
        assertThat(chat.search().results()).extracting(h -> h.conversationId()).containsExactly(id);

        chat.close();
        gateway.close();
        start(); // the same home and database: the desktop restarted
        chat.refreshConversations();
        chat.open(chat.conversations().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
        assertThat(texts()).containsExactly("What is in this picture?", "A red square.", "How many corners?", "Four corners.");
        chat.showVersion(chat.items().getFirst(), 1);
        assertThat(texts()).containsExactly("And what colour is it?", "A blue circle.");
        assertThat(chat.settingsProperty().get().options().think()).isTrue();
    }

    @Test
    void regeneratingAnEarlierAnswerBranchesAndTheArrowsBringBackTheTurnsAfterTheOldOne() {
        node = FakeOllama.start().reply("llama3.2", List.of("A1"));
        start();
        chat.send("Q1");
        until(() -> lastAnswer().state() == ChatItem.State.DONE, "A1");
        node.reply("llama3.2", List.of("A2"));
        chat.send("Q2");
        until(() -> lastAnswer().state() == ChatItem.State.DONE && lastAnswer().text().equals("A2"), "A2");
        String id = chat.conversationIdProperty().get();
        ChatHistory history = new ChatHistory(gateway);
        await(WAIT, () -> { }, () -> stored(history, id, 4), "both turns stored");

        node.reply("llama3.2", List.of("A1 again"));
        chat.regenerate(chat.items().get(1));
        until(() -> texts().equals(List.of("Q1", "A1 again")), "the new branch read back");
        assertThat(chat.items().get(1).position()).isEqualTo("2 / 2");
        chat.showAlternative(chat.items().get(1), -1);
        assertThat(texts()).containsExactly("Q1", "A1", "Q2", "A2");
        assertThat(chat.items().get(1).position()).isEqualTo("1 / 2");
    }

    static boolean stored(ChatHistory history, String id, int messages) {
        try {
            return history.get(id).map(t -> t.messages().size() == messages).orElse(false);
        } catch (Exception e) {
            return false;
        }
    }
}
