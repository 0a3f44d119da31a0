package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import dev.ollamamax.shared.chatclient.ChatClientEvent;
import dev.ollamamax.shared.protocol.ChatMessage;
import dev.ollamamax.shared.protocol.ClientFrame;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.ui.common.UiExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat's state machine, on the UI thread. Sending adds the user's message and a pending answer (queued
 * while disconnected: the client sends it once connected); the answer streams ({@code response}, pieces,
 * {@code done}, {@code metrics}), or fails ({@code error}), or is lost with its connection
 * ({@code GenerationLost}: Retry sends it again with a new id). Each failover shows as a notice in the
 * conversation and in {@link #endpointProperty()}. Client events are applied in {@link #pulse()}, once per
 * frame, and a streaming answer's text is published once per pulse.
 */
public final class ChatViewModel implements AutoCloseable {

    /** The connection as the header chip shows it. */
    public enum Status { OFFLINE, CONNECTING, CONNECTED, RECONNECTING }

    private final DesktopChatClient connection;
    private final ChatHistory history;
    private final ChatSettingsStore settingsStore;
    private final Supplier<List<ModelChoice>> modelSource;
    private final UiExecutor executor;

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ChatConversations conversations;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ChatEndpoint endpoint = new ChatEndpoint();
    private final ReadOnlyObjectWrapper<String> conversationId = new ReadOnlyObjectWrapper<>(newId());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New chat");
    private final ReadOnlyObjectWrapper<ChatSettings> settings = new ReadOnlyObjectWrapper<>(ChatSettings.defaults());
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** Every conversation opened in this session, with its items (answers keep streaming when not shown). */
    private final Map<String, List<ChatItem>> sessions = new HashMap<>();
    /** Generation id → the answer it fills and the conversation it belongs to. */
    private final Map<String, Generation> generations = new HashMap<>();
    /** Answers that are done and wait for their {@code metrics} frame. */
    private final Map<String, ChatItem> timings = new HashMap<>();
    private final Set<ChatItem> dirty = new LinkedHashSet<>();
    private int counter;

    private java.util.function.Consumer<String> failoverListener = text -> {
    };

    /** {@code reload}: an edit, whose conversation is read back once stored (its versions get their ids). */
    private record Generation(String conversationId, ChatItem item, boolean reload) {
    }

    private final Attachments attachments;
    private final ChatSearch search;
    private final ChatPresets presets;

    public ChatViewModel(DesktopChatClient connection, ChatHistory history, ChatSettingsStore settingsStore,
                         Supplier<List<ModelChoice>> modelSource, UiExecutor executor) {
        this.connection = connection;
        this.history = history;
        this.settingsStore = settingsStore;
        this.modelSource = modelSource;
        this.executor = executor;
        this.conversations = new ChatConversations(history, settingsStore, executor, message::set);
        this.search = new ChatSearch(history::search, executor);
        this.attachments = new Attachments(executor, message::set);
        this.presets = new ChatPresets(new SettingsPresets(settingsStore.file().resolveSibling("chat-presets.json")), executor,
                settings::get, this::setSettings, message::set);
        sessions.put(conversationId.get(), new ArrayList<>());
        settings.set(settingsStore.get(conversationId.get()));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    // ---- the frame pulse ----

    /**
     * Applies the client events that arrived since the last pulse and publishes the text of streaming
     * answers. Call on the UI thread, once per frame while it returns true.
     */
    public boolean pulse() {
        int events = connection.drain(this::handle);
        for (ChatItem item : dirty) {
            item.publish();
        }
        dirty.clear();
        return events > 0;
    }

    private void handle(Object event) {
        switch (event) {
            case DesktopChatClient.Replaced r -> replaced(r.why());
            case ChatClientEvent.Connected c -> connected(c.endpoint(), c.listener());
            case ChatClientEvent.Disconnected d -> endpoint.disconnected(d.reason());
            case ChatClientEvent.FailedOver f -> endpoint.failedOver(f.from());
            case ChatClientEvent.GenerationLost lost -> lost(lost.id(), lost.reason());
            case ChatClientEvent.Received r -> received(r.frame());
            default -> {
            }
        }
    }

    /** Where failover notices also go (the desktop's notifications). */
    public void onFailover(java.util.function.Consumer<String> listener) {
        this.failoverListener = listener;
    }

    private void connected(URI to, String listener) {
        endpoint.connected(to, listener).ifPresent(text -> {
            addToCurrent(ChatItem.notice(text));
            failoverListener.accept(text);
        });
        for (Generation g : generations.values()) {
            if (g.item().state() == ChatItem.State.QUEUED) {
                g.item().setState(ChatItem.State.SENDING);
            }
        }
    }

    private void replaced(String why) {
        endpoint.connecting(connection.hasClient());
        for (String id : List.copyOf(generations.keySet())) {
            lost(id, why);
        }
    }

    private void lost(String id, String reason) {
        Generation g = generations.remove(id);
        if (g != null) {
            g.item().publish();
            g.item().failed(ChatItem.State.LOST, "The connection was lost before the answer was complete (" + reason + ")");
            updateGenerating();
        }
    }

    private void received(ServerFrame frame) {
        switch (frame) {
            case ServerFrame.Response r -> find(r.id()).ifPresent(g -> g.item().routed(r.node()));
            case ServerFrame.StreamChunk c when !c.done() -> find(c.id()).ifPresent(g -> {
                if (c.isThinking()) {
                    g.item().think(c.thinking());
                } else {
                    g.item().append(c.chunk() != null ? c.chunk() : c.content() == null ? "" : c.content());
                }
                dirty.add(g.item());
            });
            case ServerFrame.StreamChunk c -> find(c.id()).ifPresent(g -> finished(c, g));
            case ServerFrame.GenerationMetrics m -> {
                ChatItem item = timings.remove(m.id());
                if (item != null) {
                    item.timing(m.node(), m.ttftMs(), m.tokensPerSecond());
                }
            }
            case ServerFrame.ErrorFrame e when e.id() != null -> {
                Generation g = generations.remove(e.id());
                if (g != null) {
                    g.item().publish();
                    g.item().failed(ChatItem.State.FAILED, e.message());
                    updateGenerating();
                }
            }
            case ServerFrame.ErrorFrame e -> message.set(e.code() == ErrorCode.UNAUTHORIZED
                    ? "The gateway refused the desktop's credentials: " + e.message() : e.message());
            default -> {
            }
        }
    }

    private void finished(ServerFrame.StreamChunk done, Generation g) {
        g.item().publish();
        if (done.node() != null) {
            g.item().routed(done.node());
        }
        boolean stopped = "cancelled".equals(done.doneReason());
        if (done.usage() != null) {
            g.item().tokens(stopped ? -1 : done.usage().promptTokens(), done.usage().completionTokens());
        }
        g.item().setState(stopped ? ChatItem.State.STOPPED : ChatItem.State.DONE);
        generations.remove(done.id());
        if (done.node() != null) {
            timings.put(done.id(), g.item()); // a generation cancelled before a node answered has no metrics
        }
        updateGenerating();
        if (!stopped) {
            conversations.refreshSoon(this::titleFrom);
            if (g.reload()) {
                conversations.loadSoon(g.conversationId(), loaded -> replaceSession(g.conversationId(), loaded));
            }
        }
    }

    /** Shows a conversation as read back from the store, unless an answer of it is still coming. */
    private void replaceSession(String id, List<ChatItem> loaded) {
        if (generations.values().stream().anyMatch(g -> g.conversationId().equals(id)) || loaded.isEmpty()) {
            return;
        }
        sessions.put(id, new ArrayList<>(loaded));
        if (id.equals(conversationId.get())) {
            items.setAll(loaded);
        }
    }

    private Optional<Generation> find(String id) {
        return Optional.ofNullable(generations.get(id));
    }

    // ---- commands ----

    /** Sends a message of the user in the current conversation. */
    public void send(String text) {
        String content = text == null ? "" : text.strip();
        if (content.isEmpty() && attachments.isEmpty()) {
            return;
        }
        Optional<String> model = settings.get().model();
        if (model.isEmpty()) {
            message.set(models.isEmpty() ? "No model is available: add a node on the Nodes screen, or pull a model"
                    : "Choose a model first");
            return;
        }
        if (!connection.hasClient()) {
            message.set("The gateway is not running: the chat connects once it is up");
            return;
        }
        message.set("");
        List<ChatItem> session = current();
        List<ChatMessage> messages = ChatItem.conversation(session, session.size());
        List<String> images = attachments.take();
        messages.add(ChatMessage.user(content, images));
        addToCurrent(ChatItem.user(content, images));
        String id = nextGenerationId();
        ChatItem answer = ChatItem.pending(id, model.get(), connection.connected());
        addToCurrent(answer);
        start(id, answer, messages, model.get());
        keepSettings();
    }

    /** The conversation up to an answer's question, when the answer may be asked again (finished, connected). */
    private Optional<List<ChatMessage>> questionOf(ChatItem answer) {
        List<ChatItem> session = current();
        int index = session.indexOf(answer);
        if (index < 0 || answer.kind() != ChatItem.Kind.ASSISTANT || answer.active() || !connection.hasClient()) {
            return Optional.empty();
        }
        List<ChatMessage> messages = ChatItem.conversation(session, index);
        if (messages.isEmpty() || !messages.getLast().role().equals("user")) {
            return Optional.empty();
        }
        return Optional.of(messages);
    }

    /** Sends a failed or lost answer's question again (Retry), or asks for a new answer (Regenerate). */
    public void retry(ChatItem answer) {
        Optional<List<ChatMessage>> question = questionOf(answer);
        if (question.isEmpty()) {
            return;
        }
        List<ChatMessage> messages = question.get();
        String model = settings.get().model().orElse(answer.model());
        String id = nextGenerationId();
        answer.restartAs(id);
        if (!connection.connected()) {
            answer.setState(ChatItem.State.QUEUED);
        }
        start(id, answer, messages, model);
    }

    /**
     * Another answer to the same question: the current one is kept as an alternative ("1 / 2", switchable with
     * {@link #showAlternative}), and the gateway stores the new one as another answer to that question.
     */
    public void regenerate(ChatItem answer) {
        Optional<List<ChatMessage>> question = questionOf(answer);
        if (question.isEmpty()) {
            return;
        }
        List<ChatMessage> messages = question.get();
        String model = settings.get().model().orElse(answer.model());
        String id = nextGenerationId();
        answer.keepAsAlternative();
        answer.restartAs(id);
        if (!connection.connected()) {
            answer.setState(ChatItem.State.QUEUED);
        }
        // a regenerated earlier answer starts a branch: the turns after it stay with the old answer (read back when done)
        List<ChatItem> session = current();
        start(id, answer, messages, model, true, session.indexOf(answer) < session.size() - 1);
    }

    /** Shows another of the answers to this question (the arrows of "2 / 3") and keeps it as the chosen one. */
    public void showAlternative(ChatItem answer, int delta) {
        List<ChatItem> session = current();
        int index = session.indexOf(answer);
        if (index < 0 || !answer.showAlternative(answer.alternative() + delta)) {
            return;
        }
        int turn = (int) session.subList(0, index).stream().filter(i -> i.kind() == ChatItem.Kind.USER).count() - 1;
        if (turn >= 0) {
            String id = conversationId.get();
            // each answer has its own branch after it: read the conversation back along the chosen one
            conversations.choose(id, turn, answer.alternative(), () -> conversations.load(id, loaded -> replaceSession(id, loaded)));
        }
    }

    /**
     * Edit-as-branch: sends {@code newText} in place of this question; the question and everything after it
     * stay stored as the other branch ("1 / 2" on the question switches between them).
     */
    public void edit(ChatItem question, String newText) {
        List<ChatItem> session = current();
        int index = session.indexOf(question);
        Optional<List<ChatMessage>> messages = ChatBranches.editMessages(session, index, newText);
        Optional<String> model = settings.get().model();
        if (messages.isEmpty() || model.isEmpty() || generating.get() || !connection.hasClient()) {
            return;
        }
        session.subList(index, session.size()).clear();
        items.setAll(session);
        addToCurrent(ChatItem.user(newText.strip(), question.images()));
        String id = nextGenerationId();
        ChatItem answer = ChatItem.pending(id, model.get(), connection.connected());
        addToCurrent(answer);
        generations.put(id, new Generation(conversationId.get(), answer, true));
        updateGenerating();
        connection.send(new ClientFrame.Inference(id, model.get(), messages.get(), null, conversationId.get(),
                settings.get().toProtocol(), null, null, Boolean.TRUE));
    }

    /** Shows another stored version of an edited question (the arrows of "1 / 2") with the branch after it. */
    public void showVersion(ChatItem question, int delta) {
        String id = conversationId.get();
        if (generating.get()) {
            return;
        }
        ChatBranches.version(question, delta).ifPresent(messageId ->
                conversations.showBranch(id, messageId, loaded -> replaceSession(id, loaded)));
    }

    /** Turns thinking on or off for this conversation (a reasoning model's thinking shows apart from its answer). */
    public void setThink(boolean on) {
        setSettings(settings.get().withOptions(settings.get().options().withThink(on)));
    }

    private void start(String id, ChatItem answer, List<ChatMessage> messages, String model) {
        start(id, answer, messages, model, false, false);
    }

    private void start(String id, ChatItem answer, List<ChatMessage> messages, String model, boolean again, boolean reload) {
        generations.put(id, new Generation(conversationId.get(), answer, reload));
        updateGenerating();
        connection.send(new ClientFrame.Inference(id, model, messages, null, conversationId.get(),
                settings.get().toProtocol(), null, again ? Boolean.TRUE : null));
    }

    /** Stops every answer of the current conversation that is still coming (Esc). */
    public void stop() {
        for (Map.Entry<String, Generation> e : generations.entrySet()) {
            if (e.getValue().conversationId().equals(conversationId.get())) {
                connection.send(new ClientFrame.Cancel(e.getKey()));
            }
        }
    }

    /** Stops one answer. */
    public void stop(ChatItem answer) {
        answer.generationId().filter(generations::containsKey).ifPresent(id -> connection.send(new ClientFrame.Cancel(id)));
    }

    private String nextGenerationId() {
        return "desk-" + (++counter) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Ctrl+N: an empty conversation with the settings used last; stored once its first answer is done. */
    public void newChat() {
        String id = newId();
        sessions.put(id, new ArrayList<>());
        show(id, "New chat");
    }

    /** Opens a stored conversation found by search (it may not be in the list yet). */
    public void open(String id, String title) {
        open(conversations.list().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseGet(() -> new Conversation(id, 0, title, java.time.Instant.now(), java.time.Instant.now(), 0)));
    }

    /** Opens a stored conversation (from this session's memory when it was open already). */
    public void open(Conversation c) {
        if (c.id().equals(conversationId.get())) {
            return;
        }
        if (sessions.containsKey(c.id())) {
            show(c.id(), c.title());
            return;
        }
        conversations.load(c.id(), loaded -> {
            sessions.put(c.id(), loaded);
            show(c.id(), c.title());
        });
    }

    private void show(String id, String newTitle) {
        conversationId.set(id);
        title.set(newTitle);
        items.setAll(sessions.get(id));
        settings.set(settingsStore.get(id));
        ensureModel();
        message.set("");
        updateGenerating();
    }

    private List<ChatItem> current() {
        return sessions.computeIfAbsent(conversationId.get(), k -> new ArrayList<>());
    }

    private void addToCurrent(ChatItem item) {
        current().add(item);
        items.add(item);
    }

    private void updateGenerating() {
        String id = conversationId.get();
        generating.set(generations.values().stream().anyMatch(g -> g.conversationId().equals(id)));
    }

    public void refreshConversations() {
        conversations.refresh(this::titleFrom);
    }

    private void titleFrom(List<Conversation> list) {
        list.stream().filter(c -> c.id().equals(conversationId.get())).findFirst().ifPresent(c -> title.set(c.title()));
    }

    public void rename(Conversation c, String newTitle) {
        conversations.rename(c, newTitle, this::refreshConversations);
    }

    /** Deletes a stored conversation (from the gateway's store) and its settings. */
    public void delete(Conversation c) {
        conversations.delete(c, () -> {
            sessions.remove(c.id());
            if (c.id().equals(conversationId.get())) {
                newChat();
            }
            refreshConversations();
        });
    }

    /** Writes the conversation to a file (atomically); {@code done} runs on success. */
    public void export(Conversation c, ChatHistory.Format format, Path target, Runnable done) {
        conversations.export(c, format, target, done);
    }

    /** Reads the models of all nodes again (with the node that would serve each). */
    public void refreshModels() {
        executor.submit(modelSource::get, list -> {
            if (!models.equals(list)) {
                models.setAll(list);
            }
            ensureModel();
        }, e -> message.set("Could not list the models: " + e.getMessage()));
    }

    private void ensureModel() {
        if (settings.get().model().isEmpty() && !models.isEmpty()) {
            settings.set(settings.get().withModel(models.getFirst().name()));
        }
    }

    public void setSettings(ChatSettings value) {
        settings.set(value);
        keepSettings();
    }

    private void keepSettings() {
        String id = conversationId.get();
        ChatSettings s = settings.get();
        executor.run(() -> settingsStore.put(id, s), () -> { }, e -> message.set("Could not save the chat settings: " + e.getMessage()));
    }

    /** Shows a message in the chat's message line (a refused setting, say). */
    public void say(String text) {
        message.set(text);
    }

    public void dismissMessage() {
        message.set("");
    }

    // ---- state ----

    /** The pictures attached to the message being written. */
    Attachments attachments() {
        return attachments;
    }

    /** The saved settings presets. */
    ChatPresets presets() {
        return presets;
    }

    /** The search over the stored conversations. */
    ChatSearch search() {
        return search;
    }

    public ObservableList<ChatItem> items() {
        return FXCollections.unmodifiableObservableList(items);
    }

    public ObservableList<Conversation> conversations() {
        return FXCollections.unmodifiableObservableList(conversations.list());
    }

    public ObservableList<ModelChoice> models() {
        return FXCollections.unmodifiableObservableList(models);
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return endpoint.statusProperty();
    }

    /** "13101 · websocket" while connected. */
    public ReadOnlyStringProperty endpointProperty() {
        return endpoint.textProperty();
    }

    public ReadOnlyObjectProperty<String> conversationIdProperty() {
        return conversationId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChatSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** True while an answer of the current conversation is coming (Stop applies). */
    public ReadOnlyBooleanProperty generatingProperty() {
        return generating.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Called when the client is (re)created: shows "connecting" until its first {@code hello}. */
    public void connecting() {
        if (endpoint.status() != Status.CONNECTED) {
            endpoint.connecting(connection.hasClient());
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
