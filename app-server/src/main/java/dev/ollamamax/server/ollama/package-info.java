/** The Ollama-compatible API under {@code /api} and {@code HEAD /}: merged tags and ps, routed generation, NDJSON passed through as it arrives. */
package dev.ollamamax.server.ollama;
