package dev.ollamamax.ui.common;

import dev.ollamamax.server.Listener;
import java.util.Map;

/** The embedded gateway as the status bar shows it: phase, bound ports of running listeners, a message. */
public record GatewayStatus(Phase phase, Map<Listener, Integer> ports, String message) {

    public enum Phase {
        /** Not created yet, or stopped on purpose. */
        STOPPED,
        STARTING,
        /** All three listeners serve. */
        UP,
        /** Some listeners serve, others are stopped or failed. */
        PARTIAL,
        /** None serves. */
        DOWN
    }

    public GatewayStatus {
        ports = Map.copyOf(ports);
    }
}
