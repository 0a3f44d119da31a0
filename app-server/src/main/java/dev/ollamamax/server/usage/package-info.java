/**
 * Usage accounting: one {@link dev.ollamamax.server.usage.UsageEvent} per generation or embedding on
 * {@code /v1}, {@code /api} and {@code /chat}, queued and written to PostgreSQL in batches by one thread,
 * counted as Prometheus meters (by model) and per minute in Redis; read back on {@code /auth/usage}.
 * Uses the store, nodes (the call's own counts) and auth (the principal).
 */
package dev.ollamamax.server.usage;
