/** Rewrites one setting of a {@code .env} file in place, keeping comments and order, with a backup. */
package dev.ollamamax.shared.ports.envfile;
