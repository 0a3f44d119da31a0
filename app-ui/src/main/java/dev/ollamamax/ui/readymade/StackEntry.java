package dev.ollamamax.ui.readymade;

import java.nio.file.Path;

/** The text of a ready-made process entry, its lines indented as children of its name. */
final class StackEntry {

    private StackEntry() {
    }

    static String of(String command, Path dir, String readyPath, String livePath, int port, String what) {
        return """
                # %s
                # Port %d is the plan's (Settings); after moving it there, run Add to stack again.
                command: %s
                working_dir: %s
                readiness_probe:
                  http_get: {host: 127.0.0.1, port: %d, path: %s}
                  period_seconds: 2
                  failure_threshold: 30
                liveness_probe:
                  http_get: {host: 127.0.0.1, port: %d, path: %s}
                  initial_delay_seconds: 30
                  period_seconds: 10
                  failure_threshold: 3
                availability: {restart: on_failure, backoff_seconds: 2, max_restarts: 5}
                """.formatted(what, port, Templates.yaml(command), Templates.yaml(dir.toString()), port, readyPath, port, livePath);
    }
}
