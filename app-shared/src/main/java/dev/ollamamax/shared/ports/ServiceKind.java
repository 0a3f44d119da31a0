package dev.ollamamax.shared.ports;

/** Who runs a service of the plan. */
public enum ServiceKind {
    /** Runs inside the gateway process (the three listeners). */
    EMBEDDED,
    /** A process the panel starts and supervises (embedded PostgreSQL/Redis, {@code ollama serve}, Prometheus). */
    MANAGED,
    /** Run by someone else; the panel only watches it. */
    EXTERNAL
}
