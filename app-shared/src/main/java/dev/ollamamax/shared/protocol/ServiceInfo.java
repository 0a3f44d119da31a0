package dev.ollamamax.shared.protocol;

/** A service of the port plan as pushed to {@code services} subscribers; {@code holder} is null when unknown. */
public record ServiceInfo(String name, int port, String status, String holder) {
}
