/**
 * The Chat screen: conversations over the gateway's WebSocket fallback chain ({@code FallbackChatClient}),
 * answers streamed and rendered as Markdown (a reasoning model's thinking apart), pictures attached, branches
 * of edited questions, search, per-chat options and presets; conversations kept in the gateway's store.
 */
package dev.ollamamax.ui.chat;
