package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import dev.ollamamax.server.conversations.Message;
import dev.ollamamax.server.conversations.Transcript;
import dev.ollamamax.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The stored conversations of the Chat screen: the list (read in the background), rename, delete (with the
 * conversation's settings), export, and a stored conversation turned back into chat items. Failures go to
 * the chat's message line.
 */
final class ChatConversations {

    private final ChatHistory history;
    private final ChatSettingsStore settings;
    private final UiExecutor executor;
    private final Consumer<String> failure;
    private final ObservableList<Conversation> list = FXCollections.observableArrayList();

    ChatConversations(ChatHistory history, ChatSettingsStore settings, UiExecutor executor, Consumer<String> failure) {
        this.history = history;
        this.settings = settings;
        this.executor = executor;
        this.failure = failure;
    }

    ObservableList<Conversation> list() {
        return list;
    }

    /** Reads the list; {@code after} gets it on the UI thread. */
    void refresh(Consumer<List<Conversation>> after) {
        executor.submit(history::list, l -> {
            list.setAll(l);
            after.accept(l);
        }, e -> failure.accept("Could not list the conversations: " + e.getMessage()));
    }

    /** The gateway stores a turn right after its {@code done}: reads the list a moment later. */
    void refreshSoon(Consumer<List<Conversation>> after) {
        executor.submit(() -> {
            Thread.sleep(300);
            return history.list();
        }, l -> {
            list.setAll(l);
            after.accept(l);
        }, e -> failure.accept("Could not list the conversations: " + e.getMessage()));
    }

    void rename(Conversation c, String title, Runnable after) {
        executor.run(() -> history.rename(c.id(), title), after, e -> failure.accept("Could not rename: " + e.getMessage()));
    }

    void delete(Conversation c, Runnable after) {
        executor.run(() -> {
            history.delete(c.id());
            settings.remove(c.id());
        }, after, e -> failure.accept("Could not delete: " + e.getMessage()));
    }

    void export(Conversation c, ChatHistory.Format format, Path target, Runnable done) {
        executor.run(() -> history.export(c.id(), format, target), done,
                e -> failure.accept("Could not export: " + e.getMessage()));
    }

    /** Reads a stored conversation as chat items; {@code loaded} gets them on the UI thread. */
    void load(String id, Consumer<List<ChatItem>> loaded) {
        executor.submit(() -> history.get(id), t -> loaded.accept(t.map(ChatConversations::itemsOf).orElseGet(ArrayList::new)),
                e -> failure.accept("Could not open the conversation: " + e.getMessage()));
    }

    /** Stores which answer of the question {@code turn} (0 = the first question) is shown. */
    void choose(String conversationId, int turn, int alternative, Runnable after) {
        executor.run(() -> history.choose(conversationId, turn, alternative), after,
                e -> failure.accept("Could not keep the chosen answer: " + e.getMessage()));
    }

    /**
     * Shows the branch of a stored message (another version of an edited question), then reads the conversation
     * again; {@code loaded} gets its items on the UI thread.
     */
    void showBranch(String conversationId, long messageId, Consumer<List<ChatItem>> loaded) {
        executor.submit(() -> {
            history.chooseMessage(conversationId, messageId);
            return history.get(conversationId);
        }, t -> loaded.accept(t.map(ChatConversations::itemsOf).orElseGet(ArrayList::new)),
                e -> failure.accept("Could not show that version: " + e.getMessage()));
    }

    /** Reads the conversation a moment after a turn that the gateway stores (an edit: its versions get ids). */
    void loadSoon(String id, Consumer<List<ChatItem>> loaded) {
        executor.submit(() -> {
            Thread.sleep(300);
            return history.get(id);
        }, t -> t.map(ChatConversations::itemsOf).ifPresent(loaded),
                e -> failure.accept("Could not read the conversation again: " + e.getMessage()));
    }

    static List<ChatItem> itemsOf(Transcript t) {
        List<ChatItem> out = new ArrayList<>();
        for (Message m : t.messages()) {
            switch (m.role()) {
                case "user" -> {
                    ChatItem item = ChatItem.user(m.content(), m.images());
                    List<Message> versions = t.alternativesOf(m);
                    if (versions.size() > 1) {
                        item.versions(new QuestionVersions(versions.stream().map(Message::id).toList(), versions.indexOf(m)));
                    }
                    out.add(item);
                }
                case "assistant" -> {
                    ChatItem item = ChatItem.answer(m.content(), m.model().orElse(""), m.node().orElse(""));
                    m.thinking().ifPresent(item::thought);
                    if (m.completionTokens().isPresent()) {
                        item.tokens(m.promptTokens().orElse(-1), m.completionTokens().get());
                    }
                    List<Message> all = t.alternativesOf(m);
                    item.alternatives(all.stream().map(a -> new AnswerAlternatives.Alternative(a.content(), a.model().orElse(""),
                            a.node().orElse(""))).toList(), all.indexOf(m));
                    out.add(item);
                }
                default -> {
                }
            }
        }
        return out;
    }
}
