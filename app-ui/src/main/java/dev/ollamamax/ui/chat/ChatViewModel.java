package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import dev.ollamamax.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Chat screen's state and commands, on the UI thread. Sending adds the user's message and a pending answer
 * (queued while disconnected: the client sends it once connected); the answer streams ({@code response},
 * pieces, {@code done}, {@code metrics}), or fails ({@code error}), or is lost with its connection
 * ({@code GenerationLost}: Retry sends it again with a new id). Each failover shows as a notice in the
 * conversation and in {@link #endpointProperty()}. Client events are applied in {@link #pulse()}, once per
 * frame, and a streaming answer's text is published once per pulse. The work is done by its collaborators:
 * {@link ChatEvents} (the client's events), {@link ChatTurns} (asking), {@link ChatGenerations} (the answers
 * streaming), {@link ConversationBrowser} (which stored conversation and branch is shown),
 * {@link ChatModelSettings} (models, settings, presets), {@link ChatSessions} (the open conversations).
 */
public final class ChatViewModel implements AutoCloseable {

    /** The connection as the header chip shows it. */
    public enum Status { OFFLINE, CONNECTING, CONNECTED, RECONNECTING }

    private final DesktopChatClient connection;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ChatEndpoint endpoint = new ChatEndpoint();
    private final ChatSessions sessions = new ChatSessions();
    private final ChatConversations conversations;
    private final ChatModelSettings settings;
    private final ChatGenerations generations;
    private final ConversationBrowser browser;
    private final ChatTurns turns;
    private final Attachments attachments;
    private final ChatSearch search;
    private final ChatEvents events;

    public ChatViewModel(DesktopChatClient connection, ChatHistory history, ChatSettingsStore settingsStore,
                         Supplier<List<ModelChoice>> modelSource, UiExecutor executor) {
        this.connection = connection;
        this.conversations = new ChatConversations(history, settingsStore, executor, message::set);
        this.search = new ChatSearch(history::search, executor);
        this.attachments = new Attachments(executor, message::set);
        this.settings = new ChatModelSettings(settingsStore, modelSource, executor, sessions::shownId, message::set);
        this.generations = new ChatGenerations(connection, sessions::shownId, this::stored);
        this.browser = new ConversationBrowser(conversations, sessions, generations, this::shown);
        this.turns = new ChatTurns(connection, sessions, generations, settings, attachments, message::set);
        this.events = new ChatEvents(connection, endpoint, sessions, generations, message::set);
    }

    // ---- the frame pulse ----

    /**
     * Applies the client events that arrived since the last pulse and publishes the text of streaming
     * answers. Call on the UI thread, once per frame while it returns true.
     */
    public boolean pulse() {
        return events.pulse();
    }

    /** Where failover notices also go (the desktop's notifications). */
    public void onFailover(Consumer<String> listener) {
        events.onFailover(listener);
    }

    /** After an answer the gateway stores (the browser comes after the generations it watches). */
    private void stored(ChatGenerations.Generation g) {
        browser.stored(g);
    }

    /** After a conversation is shown: its settings, a clear message line, Stop for its answers. */
    private void shown(String id) {
        settings.load(id);
        message.set("");
        generations.update();
    }

    // ---- commands ----

    /** Sends a message of the user in the current conversation. */
    public void send(String text) {
        turns.send(text);
    }

    /** Sends a failed or lost answer's question again (Retry), or asks for a new answer (Regenerate). */
    public void retry(ChatItem answer) {
        turns.retry(answer);
    }

    /**
     * Another answer to the same question: the current one is kept as an alternative ("1 / 2", switchable with
     * {@link #showAlternative}), and the gateway stores the new one as another answer to that question.
     */
    public void regenerate(ChatItem answer) {
        turns.regenerate(answer);
    }

    /** Shows another of the answers to this question (the arrows of "2 / 3") and keeps it as the chosen one. */
    public void showAlternative(ChatItem answer, int delta) {
        browser.showAlternative(answer, delta);
    }

    /**
     * Edit-as-branch: sends {@code newText} in place of this question; the question and everything after it
     * stay stored as the other branch ("1 / 2" on the question switches between them).
     */
    public void edit(ChatItem question, String newText) {
        turns.edit(question, newText);
    }

    /** Shows another stored version of an edited question (the arrows of "1 / 2") with the branch after it. */
    public void showVersion(ChatItem question, int delta) {
        browser.showVersion(question, delta);
    }

    /** Turns thinking on or off for this conversation (a reasoning model's thinking shows apart from its answer). */
    public void setThink(boolean on) {
        setSettings(settings.get().withOptions(settings.get().options().withThink(on)));
    }

    /** Stops every answer of the current conversation that is still coming (Esc). */
    public void stop() {
        generations.stopShown();
    }

    /** Stops one answer. */
    public void stop(ChatItem answer) {
        generations.stop(answer);
    }

    /** Ctrl+N: an empty conversation with the settings used last; stored once its first answer is done. */
    public void newChat() {
        browser.newChat();
    }

    /** Opens a stored conversation found by search (it may not be in the list yet). */
    public void open(String id, String title) {
        browser.open(id, title);
    }

    /** Opens a stored conversation (from this session's memory when it was open already). */
    public void open(Conversation c) {
        browser.open(c);
    }

    public void refreshConversations() {
        browser.refresh();
    }

    public void rename(Conversation c, String newTitle) {
        browser.rename(c, newTitle);
    }

    /** Deletes a stored conversation (from the gateway's store) and its settings. */
    public void delete(Conversation c) {
        browser.delete(c);
    }

    /** Writes the conversation to a file (atomically); {@code done} runs on success. */
    public void export(Conversation c, ChatHistory.Format format, Path target, Runnable done) {
        browser.export(c, format, target, done);
    }

    /** Reads the models of all nodes again (with the node that would serve each). */
    public void refreshModels() {
        settings.refreshModels();
    }

    public void setSettings(ChatSettings value) {
        settings.set(value);
    }

    /** Shows a message in the chat's message line (a refused setting, say). */
    public void say(String text) {
        message.set(text);
    }

    public void dismissMessage() {
        message.set("");
    }

    /** Called when the client is (re)created: shows "connecting" until its first {@code hello}. */
    public void connecting() {
        events.connecting();
    }

    @Override
    public void close() {
        connection.close();
    }

    // ---- state ----

    /** The pictures attached to the message being written. */
    Attachments attachments() {
        return attachments;
    }

    /** The saved settings presets. */
    ChatPresets presets() {
        return settings.presets();
    }

    /** The search over the stored conversations. */
    ChatSearch search() {
        return search;
    }

    public ObservableList<ChatItem> items() {
        return FXCollections.unmodifiableObservableList(sessions.items());
    }

    public ObservableList<Conversation> conversations() {
        return FXCollections.unmodifiableObservableList(conversations.list());
    }

    public ObservableList<ModelChoice> models() {
        return FXCollections.unmodifiableObservableList(settings.models());
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return endpoint.statusProperty();
    }

    /** "13101 · websocket" while connected. */
    public ReadOnlyStringProperty endpointProperty() {
        return endpoint.textProperty();
    }

    public ReadOnlyObjectProperty<String> conversationIdProperty() {
        return sessions.conversationIdProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return sessions.titleProperty();
    }

    public ReadOnlyObjectProperty<ChatSettings> settingsProperty() {
        return settings.property();
    }

    /** True while an answer of the current conversation is coming (Stop applies). */
    public ReadOnlyBooleanProperty generatingProperty() {
        return generations.generatingProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
