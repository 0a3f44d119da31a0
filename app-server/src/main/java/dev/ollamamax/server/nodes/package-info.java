/**
 * Ollama nodes: the registry, the probe loop that keeps their health, models and load, the router
 * that picks a node for a model, model aliases with their fallbacks
 * ({@link dev.ollamamax.server.nodes.ModelAliases}), and {@link dev.ollamamax.server.nodes.Upstream},
 * which opens requests to nodes with retry before the first token.
 */
package dev.ollamamax.server.nodes;
