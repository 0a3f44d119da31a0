/**
 * Authentication and authorization: accounts and roles, JWT access tokens and rotating refresh tokens, scoped
 * API keys, the filter that guards {@code /v1}, {@code /api} and the account endpoints on every listener
 * (CORS, credentials, the admin-only table {@code Permissions}, rate limits per user and per key), the
 * bootstrap of the first admin, and usage recording. Uses the {@code store} package for PostgreSQL and Redis.
 */
package dev.ollamamax.server.auth;
