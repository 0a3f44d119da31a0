/**
 * Storage: the PostgreSQL database and the Redis cache, embedded (real servers started from bundled binaries)
 * or external ({@code DATABASE_URL}, {@code REDIS_URL}); their lifecycle, migrations, health, and the
 * Redis-backed response cache and event bus. May use JDBC, Flyway, HikariCP, Jedis; no HTTP routes.
 */
package dev.ollamamax.server.store;
