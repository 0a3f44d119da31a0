/**
 * The Chat screen: conversations over the gateway's WebSocket fallback chain ({@code FallbackChatClient}),
 * answers streamed and rendered as Markdown, conversations kept in the gateway's store.
 */
package dev.ollamamax.ui.chat;
