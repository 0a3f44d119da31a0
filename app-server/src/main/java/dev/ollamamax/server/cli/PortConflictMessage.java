package dev.ollamamax.server.cli;

import dev.ollamamax.server.PortInUseException;
import dev.ollamamax.shared.config.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The message printed when a listener's port is taken: service, port, holder, and a free port to use. */
final class PortConflictMessage {

    private PortConflictMessage() {
    }

    static String explain(PortInUseException e, Config config) {
        int free = nextFreePort(e.host(), e.port() + 1);
        return "Cannot start: " + e.service().displayName() + " is configured on port " + e.port()
                + " (" + e.service().portSetting().envName() + ") but that port is already in use.\n"
                + "Use a free port instead, e.g. " + e.service().portSetting().envName() + "=" + free + ".";
    }

    static int nextFreePort(String host, int from) {
        for (int p = Math.max(1024, from); p < 65536; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName(host))) {
                return p;
            } catch (IOException ignored) {
                // taken; try the next one
            }
        }
        return 0;
    }
}
