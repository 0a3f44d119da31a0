package dev.ollamamax.ui.chat;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat state machine against a real gateway, real nodes and the real fallback client, without a toolkit. */
class ChatViewModelTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    FakeOllama node;
    GatewayManager gateway;
    DesktopChatClient connection;
    ChatViewModel chat;

    @AfterEach
    void close() {
        if (chat != null) {
            chat.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (node != null) {
            node.close();
        }
    }

    void start(Map<Setting, String> extra) {
        gateway = DesktopGateways.manager(dir.resolve("home"), extra, node);
        connection = new DesktopChatClient();
        chat = new ChatViewModel(connection, new ChatHistory(gateway),
                new ChatSettingsStore(dir.resolve("chat-settings.json")), () -> ModelChoices.of(gateway),
                new SameThreadUiExecutor());
        chat.refreshModels();
    }

    void connect() {
        connection.connect(gateway.chatEndpoints(), gateway.authEnabled() ? gateway.localToken() : Optional.empty());
        chat.connecting();
        until(() -> chat.statusProperty().get() == ChatViewModel.Status.CONNECTED, "connected");
    }

    void until(java.util.function.BooleanSupplier condition, String what) {
        await(WAIT, chat::pulse, condition, what);
    }

    Gateway g() {
        return gateway.gateway().orElseThrow();
    }

    int port(Listener l) {
        return g().port(l).orElseThrow();
    }

    ChatItem lastAnswer() {
        return chat.items().reversed().stream().filter(i -> i.kind() == ChatItem.Kind.ASSISTANT).findFirst().orElseThrow();
    }

    static List<String> tokens(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> " t" + i).toList();
    }

    @Test
    void aSentMessageStreamsItsAnswerWithNodeAndTiming() {
        node = FakeOllama.start().reply("llama3.2", List.of("Hello", " from", " **the**", " node"));
        start(Map.of());
        connect();
        assertThat(chat.endpointProperty().get()).isEqualTo(port(Listener.PRIMARY) + " · primary");
        assertThat(chat.models()).extracting(ModelChoice::name).containsExactly("llama3.2:latest");
        assertThat(chat.settingsProperty().get().model()).contains("llama3.2:latest");

        chat.send("Say hello");

        assertThat(chat.items()).extracting(ChatItem::kind).containsExactly(ChatItem.Kind.USER, ChatItem.Kind.ASSISTANT);
        assertThat(chat.generatingProperty().get()).isTrue();
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.DONE && answer.ttftMs() >= 0, "the answer and its metrics");
        assertThat(answer.text()).isEqualTo("Hello from **the** node");
        assertThat(answer.node()).isEqualTo("127.0.0.1:" + node.port());
        assertThat(answer.tokensPerSecond()).isGreaterThanOrEqualTo(0);
        assertThat(answer.detailProperty().get()).contains("127.0.0.1:" + node.port()).contains("first token");
        assertThat(chat.generatingProperty().get()).isFalse();
        assertThat(node.requests().getLast().body()).contains("Say hello");
    }

    @Test
    void streamedTextIsPublishedAtMostOncePerPulse() {
        node = FakeOllama.start().reply("llama3.2", tokens(200));
        start(Map.of());
        connect();
        chat.send("count");
        ChatItem answer = lastAnswer();
        AtomicInteger changes = new AtomicInteger();
        answer.textProperty().addListener((o, was, now) -> changes.incrementAndGet());
        AtomicInteger pulses = new AtomicInteger();

        await(WAIT, () -> {
            chat.pulse();
            pulses.incrementAndGet();
        }, () -> answer.state() == ChatItem.State.DONE, "the whole answer");

        assertThat(answer.text()).startsWith(" t1 t2 t3").endsWith(" t199 t200");
        assertThat(changes.get()).isBetween(1, pulses.get());
    }

    @Test
    void aMessageTypedWhileDisconnectedIsQueuedAndSentOnceAListenerIsBack() {
        node = FakeOllama.start().model("llama3.2");
        start(Map.of());
        for (Listener l : Listener.values()) {
            g().stop(l);
        }
        connection.connect(gateway.chatEndpoints(), Optional.empty());
        chat.connecting();
        chat.pulse();
        assertThat(chat.statusProperty().get()).isEqualTo(ChatViewModel.Status.CONNECTING);

        chat.send("are you there?");

        ChatItem answer = lastAnswer();
        assertThat(answer.state()).isEqualTo(ChatItem.State.QUEUED);
        g().start(Listener.FALLBACK);
        until(() -> answer.state() == ChatItem.State.DONE, "the queued message answered");
        assertThat(answer.text()).isEqualTo("Hello from llama3.2");
        assertThat(chat.endpointProperty().get()).isEqualTo(port(Listener.FALLBACK) + " · fallback");
        assertThat(node.requests().stream().filter(r -> r.path().equals("/api/chat")).count()).isEqualTo(1);
    }

    @Test
    void aFailoverIsShownAsANoticeAndOnTheEndpointChip() {
        node = FakeOllama.start().model("llama3.2");
        start(Map.of());
        connect();

        g().stop(Listener.PRIMARY);

        until(() -> chat.endpointProperty().get().equals(port(Listener.WEBSOCKET) + " · websocket"), "failed over");
        assertThat(chat.items()).filteredOn(i -> i.kind() == ChatItem.Kind.NOTICE).singleElement()
                .extracting(ChatItem::text).asString()
                .startsWith("Connection to " + port(Listener.PRIMARY) + " lost")
                .endsWith("failed over to " + port(Listener.WEBSOCKET) + " (websocket)");
        chat.send("still there?");
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.DONE, "an answer over the websocket listener");
    }

    @Test
    void anAnswerCutByALostConnectionIsLostAndRetryAnswersItOnTheNextListener() {
        node = FakeOllama.start().reply("llama3.2", tokens(100)).tokenDelay(Duration.ofMillis(50));
        start(Map.of());
        connect();
        chat.send("a long answer please");
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.STREAMING && !answer.text().isEmpty(), "streaming");

        g().stop(Listener.PRIMARY);

        until(() -> answer.state() == ChatItem.State.LOST, "the answer reported lost");
        assertThat(answer.retryable()).isTrue();
        assertThat(answer.errorProperty().get()).startsWith("The connection was lost before the answer was complete");
        assertThat(chat.generatingProperty().get()).isFalse();

        node.tokenDelay(Duration.ZERO);
        until(() -> chat.statusProperty().get() == ChatViewModel.Status.CONNECTED, "reconnected");
        chat.retry(answer);
        until(() -> answer.state() == ChatItem.State.DONE, "the retried answer");
        assertThat(answer.text()).startsWith(" t1 t2").endsWith(" t100");
        assertThat(chat.items()).filteredOn(i -> i.kind() == ChatItem.Kind.ASSISTANT).hasSize(1);
        assertThat(chat.endpointProperty().get()).startsWith(String.valueOf(port(Listener.WEBSOCKET)));
    }

    @Test
    void stopEndsTheAnswerAndKeepsWhatCame() {
        node = FakeOllama.start().reply("llama3.2", tokens(200)).tokenDelay(Duration.ofMillis(30));
        start(Map.of());
        connect();
        chat.send("go on and on");
        ChatItem answer = lastAnswer();
        until(() -> answer.text().length() > 6, "some text");

        chat.stop();

        until(() -> answer.state() == ChatItem.State.STOPPED, "stopped");
        assertThat(answer.text()).startsWith(" t1").doesNotEndWith(" t200");
        assertThat(chat.generatingProperty().get()).isFalse();
    }

    @Test
    void regenerateAsksAgainInPlaceOfTheAnswer() {
        node = FakeOllama.start().reply("llama3.2", List.of("first"));
        start(Map.of());
        connect();
        chat.send("question");
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.DONE, "first answer");
        node.reply("llama3.2", List.of("second"));

        chat.regenerate(answer);

        until(() -> answer.state() == ChatItem.State.DONE && answer.text().equals("second"), "second answer");
        assertThat(chat.items()).hasSize(2);
        assertThat(node.requests().getLast().body()).contains("question").doesNotContain("first");
    }

    @Test
    void regeneratingTwiceKeepsOneQuestionWithThreeAnswersAndTheChosenOneAfterARestart() throws Exception {
        node = FakeOllama.start().reply("llama3.2", List.of("first"));
        start(Map.of());
        connect();
        chat.send("question");
        ChatItem answer = lastAnswer();
        until(() -> answer.state() == ChatItem.State.DONE, "first answer");
        String id = chat.conversationIdProperty().get();
        ChatHistory history = new ChatHistory(gateway);
        await(WAIT, () -> { }, () -> stored(history, id, "first"), "the first turn stored");
        for (String next : List.of("second", "third")) {
            node.reply("llama3.2", List.of(next));
            chat.regenerate(answer);
            until(() -> answer.state() == ChatItem.State.DONE && answer.text().equals(next), next + " answer");
            await(WAIT, () -> { }, () -> stored(history, id, next), "the " + next + " answer stored");
        }
        assertThat(answer.position()).isEqualTo("3 / 3");
        chat.showAlternative(answer, -1);
        assertThat(answer.text()).isEqualTo("second");
        assertThat(answer.position()).isEqualTo("2 / 3");
        assertThat(chat.items()).hasSize(2);

        chat.close();
        gateway.close();
        start(Map.of()); // the same home and database: the desktop restarted
        var transcript = new ChatHistory(gateway).get(id).orElseThrow();
        assertThat(transcript.messages()).extracting(m -> m.content()).containsExactly("question", "second");
        chat.refreshConversations();
        chat.open(chat.conversations().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
        assertThat(chat.items()).extracting(ChatItem::text).containsExactly("question", "second");
        assertThat(chat.items().get(1).position()).isEqualTo("2 / 3");
        chat.showAlternative(chat.items().get(1), 1);
        assertThat(chat.items().get(1).text()).isEqualTo("third");
    }

    static boolean stored(ChatHistory history, String id, String answer) {
        try {
            return history.get(id).map(t -> t.messages().getLast().content().equals(answer)).orElse(false);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void settingsGoWithTheRequestAndAreKeptPerConversation() {
        node = FakeOllama.start().model("llama3.2");
        start(Map.of());
        connect();
        chat.setSettings(chat.settingsProperty().get().withSystem("Be brief.").withTemperature(Optional.of(0.2))
                .withMaxTokens(Optional.of(64)));
        chat.send("hi");
        until(() -> lastAnswer().state() == ChatItem.State.DONE, "answer");

        String body = node.requests().getLast().body();
        assertThat(body).contains("Be brief.").contains("\"temperature\":0.2").contains("\"num_predict\":64");
        String id = chat.conversationIdProperty().get();
        assertThat(new ChatSettingsStore(dir.resolve("chat-settings.json")).get(id).system()).isEqualTo("Be brief.");
    }

    @Test
    void conversationsAreStoredListedRenamedExportedAndDeleted() throws Exception {
        node = FakeOllama.start().reply("llama3.2", List.of("Fine", ", thanks"));
        start(Map.of());
        connect();
        chat.send("How are you today?");
        until(() -> lastAnswer().state() == ChatItem.State.DONE, "answer");
        String id = chat.conversationIdProperty().get();
        await(WAIT, chat::refreshConversations, () -> chat.conversations().stream().anyMatch(c -> c.id().equals(id)),
                "the conversation stored");
        var stored = chat.conversations().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        assertThat(stored.title()).isEqualTo("How are you today?");

        chat.rename(stored, "Small talk");
        assertThat(chat.conversations()).anyMatch(c -> c.id().equals(id) && c.title().equals("Small talk"));
        Path md = dir.resolve("out/talk.md");
        Path json = dir.resolve("out/talk.json");
        chat.export(stored, ChatHistory.Format.MARKDOWN, md, () -> { });
        chat.export(stored, ChatHistory.Format.JSON, json, () -> { });
        assertThat(Files.readString(md)).startsWith("# Small talk").contains("How are you today?").contains("Fine, thanks");
        assertThat(Files.readString(json)).contains("\"title\" : \"Small talk\"").contains("\"content\" : \"Fine, thanks\"");

        chat.newChat();
        assertThat(chat.items()).isEmpty();
        chat.open(chat.conversations().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
        assertThat(chat.items()).extracting(ChatItem::text).containsExactly("How are you today?", "Fine, thanks");

        chat.delete(chat.conversations().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow());
        assertThat(chat.conversations()).noneMatch(c -> c.id().equals(id));
        assertThat(chat.conversationIdProperty().get()).isNotEqualTo(id);
    }

    @Test
    void withAuthOnTheChatSignsInWithTheDesktopsLocalToken() {
        node = FakeOllama.start().model("llama3.2");
        start(Map.of(Setting.AUTH_ENABLED, "true"));
        await(WAIT, () -> { }, () -> gateway.localToken().isPresent(), "the database");
        connect();

        chat.send("hello with a token");

        until(() -> lastAnswer().state() == ChatItem.State.DONE, "answer");
        assertThat(lastAnswer().text()).isEqualTo("Hello from llama3.2");
    }
}
