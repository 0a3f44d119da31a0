/**
 * The reusable chat client: {@link dev.ollamamax.shared.chatclient.FallbackChatClient} keeps one WebSocket
 * to the first chat endpoint that answers (13100 → 13101 → 13102 by default), fails over when it is lost,
 * returns to the preferred endpoint, and queues what is sent while disconnected. {@code java.net.http}
 * and the shared protocol types only: no JavaFX, no Helidon.
 */
package dev.ollamamax.shared.chatclient;
