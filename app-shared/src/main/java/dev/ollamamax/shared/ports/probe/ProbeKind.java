package dev.ollamamax.shared.ports.probe;

/** How a service's health is checked. */
public enum ProbeKind {
    HTTP_GET,
    TCP,
    POSTGRES,
    REDIS_PING
}
