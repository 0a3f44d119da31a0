/**
 * Authentication and its limits: accounts, JWT access tokens and rotating refresh tokens, API keys, the
 * filter that guards {@code /v1} and {@code /api} on every listener, CORS, per-key rate limits and usage
 * recording. Uses the {@code store} package for PostgreSQL and Redis.
 */
package dev.ollamamax.server.auth;
