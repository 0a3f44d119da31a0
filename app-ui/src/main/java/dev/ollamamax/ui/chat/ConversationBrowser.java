package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which stored conversation the chat shows, and which branch of it: a new one, one opened from the list or a
 * search, read back once the gateway stored a turn, another answer or another version of a question chosen;
 * and rename, delete and export. The store's work runs off the UI thread through {@link ChatConversations}.
 */
final class ConversationBrowser {

    private final ChatConversations conversations;
    private final ChatSessions sessions;
    private final ChatGenerations generations;
    private final Consumer<String> shown;

    /** @param shown runs after a conversation is shown, with its id (its settings, the message line) */
    ConversationBrowser(ChatConversations conversations, ChatSessions sessions, ChatGenerations generations,
                        Consumer<String> shown) {
        this.conversations = conversations;
        this.sessions = sessions;
        this.generations = generations;
        this.shown = shown;
    }

    /** An empty conversation; stored once its first answer is done. */
    void newChat() {
        show(sessions.fresh(), "New chat");
    }

    /** Opens a stored conversation found by search (it may not be in the list yet). */
    void open(String id, String title) {
        open(conversations.list().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseGet(() -> new Conversation(id, 0, title, Instant.now(), Instant.now(), 0)));
    }

    /** Opens a stored conversation (from this session's memory when it was open already). */
    void open(Conversation c) {
        if (sessions.isShown(c.id())) {
            return;
        }
        if (sessions.isOpen(c.id())) {
            show(c.id(), c.title());
            return;
        }
        conversations.load(c.id(), loaded -> {
            sessions.keep(c.id(), loaded);
            show(c.id(), c.title());
        });
    }

    private void show(String id, String title) {
        sessions.show(id, title);
        shown.accept(id);
    }

    /** After an answer the gateway stores: the list (and title) again, and an edit's conversation read back. */
    void stored(ChatGenerations.Generation g) {
        conversations.refreshSoon(sessions::titleFrom);
        if (g.reload()) {
            conversations.loadSoon(g.conversationId(), loaded -> replace(g.conversationId(), loaded));
        }
    }

    /** Shows a conversation as read back from the store, unless an answer of it is still coming. */
    private void replace(String id, List<ChatItem> loaded) {
        if (generations.runningIn(id) || loaded.isEmpty()) {
            return;
        }
        sessions.replace(id, loaded);
    }

    /** Shows another of the answers to this question and keeps it as the chosen one. */
    void showAlternative(ChatItem answer, int delta) {
        List<ChatItem> session = sessions.current();
        int index = session.indexOf(answer);
        if (index < 0 || !answer.showAlternative(answer.alternative() + delta)) {
            return;
        }
        int turn = (int) session.subList(0, index).stream().filter(i -> i.kind() == ChatItem.Kind.USER).count() - 1;
        if (turn >= 0) {
            String id = sessions.shownId();
            // each answer has its own branch after it: read the conversation back along the chosen one
            conversations.choose(id, turn, answer.alternative(), () -> conversations.load(id, loaded -> replace(id, loaded)));
        }
    }

    /** Shows another stored version of an edited question with the branch after it. */
    void showVersion(ChatItem question, int delta) {
        String id = sessions.shownId();
        if (generations.generating()) {
            return;
        }
        ChatBranches.version(question, delta).ifPresent(messageId ->
                conversations.showBranch(id, messageId, loaded -> replace(id, loaded)));
    }

    void refresh() {
        conversations.refresh(sessions::titleFrom);
    }

    void rename(Conversation c, String title) {
        conversations.rename(c, title, this::refresh);
    }

    /** Deletes a stored conversation and its settings; a new chat takes its place when it was shown. */
    void delete(Conversation c) {
        conversations.delete(c, () -> {
            sessions.close(c.id());
            if (sessions.isShown(c.id())) {
                newChat();
            }
            refresh();
        });
    }

    void export(Conversation c, ChatHistory.Format format, Path target, Runnable done) {
        conversations.export(c, format, target, done);
    }
}
