package dev.ollamamax.ui.ports;

import java.util.List;
import java.util.Optional;

/**
 * One port on the map: the services configured on it, the process listening on it, and how it stands.
 *
 * @param range the block of 100 ports it belongs to ("13100–13199")
 */
public record PortTile(int port, String range, List<String> services, Optional<String> holder, Kind kind) {

    public enum Kind {
        /** Configured, and the service answers. */
        UP,
        /** Configured, nothing answers. */
        DOWN,
        /** Part of a conflict. */
        CONFLICT,
        /** Not configured: some other program listens here, inside one of the plan's ranges. */
        LISTENER
    }

    public PortTile {
        services = List.copyOf(services);
    }

    static int rangeStart(int port) {
        return port / 100 * 100;
    }

    static String range(int port) {
        int start = rangeStart(port);
        return start + "–" + (start + 99);
    }
}
