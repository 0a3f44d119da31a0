package dev.ollamamax.shared.ports.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/** Finds a port that can be bound right now, skipping ports other services are planned on. */
public final class FreePorts {

    /** Ports below this need privileges on most systems and are never suggested. */
    static final int FIRST_UNPRIVILEGED = 1024;

    private FreePorts() {
    }

    /** The first port from {@code from} upwards that can be bound on {@code host}. */
    public static int nextFree(String host, int from) {
        return nextFree(host, from, Set.of());
    }

    /**
     * The first port from {@code from} upwards that is not in {@code avoid} and can be bound on {@code host}
     * (a wildcard host such as {@code 0.0.0.0} binds every interface).
     *
     * @throws IllegalStateException when no port up to 65535 is free
     * @throws IllegalArgumentException when the host is not an address of this machine
     */
    public static int nextFree(String host, int from, Set<Integer> avoid) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host.isBlank() ? "127.0.0.1" : host.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host \"" + host + "\": cannot look for a free port on it", e);
        }
        for (int port = Math.max(FIRST_UNPRIVILEGED, from); port <= 65535; port++) {
            if (!avoid.contains(port) && PortCheck.canBind(address, port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on " + host + " from " + from + " to 65535");
    }
}
