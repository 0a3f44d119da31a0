package dev.ollamamax.ui.chat;

import java.net.URI;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where the chat is connected, as its header chip shows it ("13101 · websocket"), and the words of the notice
 * a failover leaves in the conversation. Fed with the client's events on the UI thread.
 */
final class ChatEndpoint {

    private final ReadOnlyObjectWrapper<ChatViewModel.Status> status =
            new ReadOnlyObjectWrapper<>(ChatViewModel.Status.OFFLINE);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("offline");
    private Optional<String> lastLoss = Optional.empty();
    private Optional<URI> failedOverFrom = Optional.empty();

    void disconnected(String reason) {
        status.set(ChatViewModel.Status.RECONNECTING);
        text.set("reconnecting…");
        lastLoss = Optional.of(reason);
    }

    void failedOver(URI from) {
        failedOverFrom = Optional.of(from);
    }

    /** The connection is up; returns the notice for the conversation when it came after a failover. */
    Optional<String> connected(URI to, String listener) {
        status.set(ChatViewModel.Status.CONNECTED);
        text.set(to.getPort() + " · " + listener);
        Optional<String> notice = failedOverFrom.map(from -> lastLoss.isPresent()
                ? "Connection to " + from.getPort() + " lost (" + lastLoss.get() + "): failed over to "
                + to.getPort() + " (" + listener + ")"
                : "Back on the preferred endpoint " + to.getPort() + " (" + listener + ")");
        failedOverFrom = Optional.empty();
        lastLoss = Optional.empty();
        return notice;
    }

    /** A new client is connecting (or there is none: the gateway is not running). */
    void connecting(boolean hasClient) {
        status.set(hasClient ? ChatViewModel.Status.CONNECTING : ChatViewModel.Status.OFFLINE);
        text.set(hasClient ? "connecting…" : "offline");
    }

    ChatViewModel.Status status() {
        return status.get();
    }

    ReadOnlyObjectProperty<ChatViewModel.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
