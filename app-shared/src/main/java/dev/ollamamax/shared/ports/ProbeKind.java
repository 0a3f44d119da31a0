package dev.ollamamax.shared.ports;

/** How a service's health is checked. */
public enum ProbeKind {
    HTTP_GET,
    TCP,
    POSTGRES,
    REDIS_PING
}
