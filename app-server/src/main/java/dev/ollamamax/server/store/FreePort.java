package dev.ollamamax.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks a loopback port for an embedded server: the preferred one when free, else one the system gives. */
final class FreePort {

    private FreePort() {
    }

    static boolean isFree(int port) {
        if (port <= 0) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first free port among the candidates (0 and negatives skipped), else an ephemeral one. */
    static int choose(int... candidates) {
        for (int candidate : candidates) {
            if (isFree(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback address", e);
        }
    }
}
