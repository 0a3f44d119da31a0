/**
 * The OpenAI-compatible API under {@code /v1} (models, chat completions, completions, embeddings):
 * requests translated to Ollama's API and routed through {@code server.nodes.Upstream}; streams as SSE.
 */
package dev.ollamamax.server.openai;
