/** Services the panel owns (listeners, embedded PostgreSQL and Redis, {@code ollama serve}): start, stop, restart, logs. */
package dev.ollamamax.server.services;
