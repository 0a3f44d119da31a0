/**
 * The one configuration layer: built-in defaults, then a {@code .env} file, then the environment, then
 * saved settings and the command line. Plain Java, no toolkit or server imports.
 */
package dev.ollamamax.shared.config;
