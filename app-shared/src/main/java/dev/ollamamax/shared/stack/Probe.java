package dev.ollamamax.shared.stack;

import java.time.Duration;

/**
 * A readiness or liveness probe: one check, tried every {@code period} after {@code initialDelay}, each try
 * given {@code timeout}; {@code failureThreshold} failures in a row make it fail, {@code successThreshold}
 * successes in a row make it pass.
 */
public record Probe(Check check, Duration initialDelay, Duration period, Duration timeout, int failureThreshold,
                    int successThreshold) {

    /** What a probe tries. */
    public sealed interface Check {
        /** A short description for logs and the status column. */
        String describe();
    }

    /** An HTTP GET that must answer 2xx or 3xx. */
    public record HttpGet(String scheme, String host, int port, String path) implements Check {
        @Override
        public String describe() {
            return "GET " + scheme + "://" + host + ":" + port + path;
        }
    }

    /** A TCP connection that must be accepted. */
    public record Tcp(String host, int port) implements Check {
        @Override
        public String describe() {
            return "TCP " + host + ":" + port;
        }
    }

    /** A shell command that must exit 0. */
    public record Exec(String command) implements Check {
        @Override
        public String describe() {
            return "exec " + command;
        }
    }
}
