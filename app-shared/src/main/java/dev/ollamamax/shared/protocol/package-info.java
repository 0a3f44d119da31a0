/**
 * The WebSocket chat protocol ({@code docs/chat-protocol.md}) as Java types: the frames a client sends,
 * the frames the server sends, error codes, and {@link dev.ollamamax.shared.protocol.FrameCodec}, which
 * reads and writes them as JSON. Used by the gateway and by the chat client; Jackson only.
 */
package dev.ollamamax.shared.protocol;
