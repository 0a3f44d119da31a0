/**
 * The gateway: {@link dev.ollamamax.server.Gateway} owns the three listeners and the features behind
 * them; {@link dev.ollamamax.server.Main} is the headless entry point and CLI. Feature packages
 * ({@code nodes}, {@code ollama}, {@code openai}, {@code chat}, {@code auth}, {@code ops}) plug in as
 * {@link dev.ollamamax.server.GatewayFeature}s.
 */
package dev.ollamamax.server;
