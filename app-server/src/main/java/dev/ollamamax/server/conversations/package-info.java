/**
 * Conversations held over {@code /chat}: their storage in PostgreSQL ({@link dev.ollamamax.server.conversations.ConversationStore})
 * and {@code /api/v1/conversations} (list, read, rename, delete, export as Markdown or JSON, full-text search, branches:
 * a conversation is a tree of messages, see docs/decisions/0010). Uses {@code store} and {@code auth}.
 */
package dev.ollamamax.server.conversations;
