/** The ports a user's project folder declares: its {@code .env} files and compose files (read with {@code shared/yaml}). */
package dev.ollamamax.shared.ports.project;
