package dev.ollamamax.server.store;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL refuses to run as root. When the gateway runs as root on Linux, the embedded server is run
 * inside a new user namespace ({@code unshare -U}, done by zonky's launcher), where it is an unprivileged
 * user; for normal users nothing changes. Where user namespaces are blocked, say so instead of failing
 * obscurely in initdb.
 */
final class RootSupport {

    private RootSupport() {
    }

    static void ensurePostgresCanRun() {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and this machine does not allow "
                    + "user namespaces (unshare -U), which the embedded server uses when run as root. Run OllamaMax "
                    + "as a normal user, or set DATABASE_URL to an external PostgreSQL.");
        }
    }

    static boolean isRoot() {
        Path self = Path.of("/proc/self");
        try {
            if (Files.exists(self)) {
                return Integer.valueOf(0).equals(Files.getAttribute(self, "unix:uid"));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // fall through to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
