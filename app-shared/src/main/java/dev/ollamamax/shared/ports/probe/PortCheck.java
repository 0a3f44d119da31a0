package dev.ollamamax.shared.ports.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

/**
 * The one "can this port be bound right now" check, used before choosing a port for an embedded store, before
 * starting a listener and when suggesting a free port. It binds a socket and closes it at once.
 *
 * <p>{@code SO_REUSEADDR} is on only on Linux. There it lets the probe bind a port whose last connection is in
 * {@code TIME_WAIT}, as the real servers (Helidon, PostgreSQL, Redis all set it) will; it never lets two live
 * listeners share a port. On macOS and the BSDs it would also let the probe bind {@code 127.0.0.1:p} while
 * another program listens on {@code 0.0.0.0:p}, calling a taken port free; on Windows it allows stealing a
 * port outright. So elsewhere it stays off.
 */
public final class PortCheck {

    static final boolean REUSE_ADDRESS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private PortCheck() {
    }

    /** Whether {@code port} can be bound on {@code address} now (ports outside 1–65535 cannot). */
    public static boolean canBind(InetAddress address, int port) {
        if (port < 1 || port > 65535) {
            return false;
        }
        try {
            tryBind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Binds and closes a socket on {@code address}; the bind failure, when there is one, is thrown. */
    public static void tryBind(InetSocketAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(REUSE_ADDRESS);
            socket.bind(address, 1);
        }
    }
}
