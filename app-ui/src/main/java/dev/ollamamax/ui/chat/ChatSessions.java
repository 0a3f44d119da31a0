package dev.ollamamax.ui.chat;

import dev.ollamamax.server.conversations.Conversation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversations open in this session, each with its items (answers keep streaming into one that is not
 * shown), and the one the chat shows: its id, title and items. On the UI thread.
 */
final class ChatSessions {

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final Map<String, List<ChatItem>> sessions = new HashMap<>();
    private final ReadOnlyObjectWrapper<String> conversationId = new ReadOnlyObjectWrapper<>(newId());
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New chat");

    ChatSessions() {
        sessions.put(conversationId.get(), new ArrayList<>());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The id of the conversation shown. */
    String shownId() {
        return conversationId.get();
    }

    boolean isShown(String id) {
        return id.equals(conversationId.get());
    }

    /** The items of the conversation shown (the session's own list, which {@link #items} mirrors). */
    List<ChatItem> current() {
        return sessions.computeIfAbsent(conversationId.get(), k -> new ArrayList<>());
    }

    void add(ChatItem item) {
        current().add(item);
        items.add(item);
    }

    /** Drops the shown conversation's items from {@code index} on (an edit puts a new question there). */
    void cutFrom(int index) {
        List<ChatItem> session = current();
        session.subList(index, session.size()).clear();
        items.setAll(session);
    }

    /** An empty conversation, open but not shown yet; returns its id. */
    String fresh() {
        String id = newId();
        sessions.put(id, new ArrayList<>());
        return id;
    }

    boolean isOpen(String id) {
        return sessions.containsKey(id);
    }

    /** Keeps a conversation read from the store as open (its items are this list). */
    void keep(String id, List<ChatItem> loaded) {
        sessions.put(id, loaded);
    }

    void close(String id) {
        sessions.remove(id);
    }

    /** Shows an open conversation. */
    void show(String id, String newTitle) {
        conversationId.set(id);
        title.set(newTitle);
        items.setAll(sessions.get(id));
    }

    /** Puts a conversation as read back from the store in place of the open one (and on screen when shown). */
    void replace(String id, List<ChatItem> loaded) {
        sessions.put(id, new ArrayList<>(loaded));
        if (isShown(id)) {
            items.setAll(loaded);
        }
    }

    /** Takes the shown conversation's title from the stored list (the gateway names a conversation). */
    void titleFrom(List<Conversation> list) {
        list.stream().filter(c -> isShown(c.id())).findFirst().ifPresent(c -> title.set(c.title()));
    }

    ObservableList<ChatItem> items() {
        return items;
    }

    ReadOnlyObjectProperty<String> conversationIdProperty() {
        return conversationId.getReadOnlyProperty();
    }

    ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
