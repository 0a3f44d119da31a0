/**
 * Model aliases stored in PostgreSQL and managed through the admin API {@code /api/v1/aliases}; the
 * resolution itself lives in {@code nodes.ModelAliases}, which every inference route uses. May use
 * {@code store}, {@code nodes}, {@code auth} and {@code http}.
 */
package dev.ollamamax.server.aliases;
