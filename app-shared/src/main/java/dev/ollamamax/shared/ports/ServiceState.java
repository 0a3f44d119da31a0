package dev.ollamamax.shared.ports;

/** The live state of one service of a scan. */
public enum ServiceState {
    /** Its port answers its health probe. */
    UP,
    /** Nothing answers on its port, or what answers is not healthy. */
    DOWN,
    /** Its port is open but the service says it is not ready yet (HTTP 503, Redis LOADING) or does not answer in time. */
    STARTING,
    /** Its port is configured for another service too, or held by a process that is not this service. */
    CONFLICT
}
