/**
 * WebSocket chat at {@code /chat} on all three listeners ({@code docs/chat-protocol.md}): one
 * {@link dev.ollamamax.server.chat.ServerChatSession} per socket, generations streamed from the nodes
 * through {@link dev.ollamamax.server.nodes.Upstream}, pushes to subscribers through the
 * {@link dev.ollamamax.server.chat.ChatHub}. Uses the nodes feature and the shared protocol types.
 */
package dev.ollamamax.server.chat;
