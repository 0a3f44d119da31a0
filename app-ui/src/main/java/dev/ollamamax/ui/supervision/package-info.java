/**
 * The desktop's process supervision, toolkit-free: the {@link dev.ollamamax.ui.supervision.ServiceRegistry} of
 * everything the panel owns, the {@link dev.ollamamax.ui.supervision.Supervisor} that restarts crashed services
 * with backoff, the gateway listeners and {@code ollama serve} as managed services, and the gateway's own log
 * ring. Not part of the headless jar (ADR 0011).
 */
package dev.ollamamax.ui.supervision;
