package dev.ollamamax.shared.chatclient;

import dev.ollamamax.shared.protocol.ServerFrame;
import java.net.URI;

/** What a {@link FallbackChatClient} tells its listeners, in the order it happened. */
public sealed interface ChatClientEvent {

    /** A connection is up (its {@code hello} arrived); {@code listener} is the server's name for it. */
    record Connected(URI endpoint, String listener) implements ChatClientEvent {
    }

    /** The connection to {@code endpoint} was lost; the client is already looking for another. */
    record Disconnected(URI endpoint, String reason) implements ChatClientEvent {
    }

    /**
     * The client moved from one endpoint to another: after a loss, or back to the preferred endpoint once
     * it answers again. Followed by {@link Connected} for {@code to}.
     */
    record FailedOver(URI from, URI to) implements ChatClientEvent {
    }

    /** A frame from the server, every one of them, in order. */
    record Received(ServerFrame frame) implements ChatClientEvent {
    }

    /**
     * The generation {@code id} had been sent when its connection was lost, before its {@code done} or
     * {@code error}: its answer will not come. Offer the user to send it again (with a new id).
     */
    record GenerationLost(String id, String reason) implements ChatClientEvent {
    }
}
