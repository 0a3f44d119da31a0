/**
 * What the gateway needs to run its own processes, headless or not: the {@link
 * dev.ollamamax.server.process.ManagedService} contract the embedded stores implement, the {@link
 * dev.ollamamax.server.process.Watchdog} that ends them if the JVM dies, and the {@link
 * dev.ollamamax.server.process.ExitPaths} that stop them on every way out. Supervision (restarts, the
 * service registry, {@code ollama serve}, listeners as services) is the desktop's and lives in app-ui.
 */
package dev.ollamamax.server.process;
