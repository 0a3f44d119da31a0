package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.chatclient.ChatClientEvent;
import dev.ollamamax.shared.protocol.ErrorCode;
import dev.ollamamax.shared.protocol.ServerFrame;
import java.util.function.Consumer;

/**
 * The chat client's events, applied once per frame: the connection's to the {@link ChatEndpoint} (a failover
 * leaves a notice in the conversation shown and goes to the failover listener), the gateway's frames about
 * generations to {@link ChatGenerations}, a refusal without a generation to the message line.
 */
final class ChatEvents {

    private final DesktopChatClient connection;
    private final ChatEndpoint endpoint;
    private final ChatSessions sessions;
    private final ChatGenerations generations;
    private final Consumer<String> message;
    private Consumer<String> failoverListener = text -> {
    };

    ChatEvents(DesktopChatClient connection, ChatEndpoint endpoint, ChatSessions sessions, ChatGenerations generations,
               Consumer<String> message) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.sessions = sessions;
        this.generations = generations;
        this.message = message;
    }

    /** Applies the events that arrived since the last pulse and publishes streaming text; true when there were any. */
    boolean pulse() {
        int events = connection.drain(this::handle);
        generations.publish();
        return events > 0;
    }

    private void handle(Object event) {
        switch (event) {
            case DesktopChatClient.Replaced r -> {
                endpoint.connecting(connection.hasClient());
                generations.loseAll(r.why());
            }
            case ChatClientEvent.Connected c -> {
                endpoint.connected(c.endpoint(), c.listener()).ifPresent(text -> {
                    sessions.add(ChatItem.notice(text));
                    failoverListener.accept(text);
                });
                generations.connected();
            }
            case ChatClientEvent.Disconnected d -> endpoint.disconnected(d.reason());
            case ChatClientEvent.FailedOver f -> endpoint.failedOver(f.from());
            case ChatClientEvent.GenerationLost lost -> generations.lost(lost.id(), lost.reason());
            case ChatClientEvent.Received(ServerFrame.ErrorFrame e) when e.id() == null -> message.accept(
                    e.code() == ErrorCode.UNAUTHORIZED ? "The gateway refused the desktop's credentials: " + e.message() : e.message());
            case ChatClientEvent.Received r -> generations.apply(r.frame());
            default -> {
            }
        }
    }

    void onFailover(Consumer<String> listener) {
        this.failoverListener = listener;
    }

    /** A new client is connecting: "connecting" until its first {@code hello}. */
    void connecting() {
        if (endpoint.status() != ChatViewModel.Status.CONNECTED) {
            endpoint.connecting(connection.hasClient());
        }
    }
}
