package dev.ollamamax.server;

/** The gateway's own version, reported by {@code /api/version} and the chat {@code hello} frame. */
public final class GatewayVersion {

    public static final String VALUE = "0.1.0";

    private GatewayVersion() {
    }
}
