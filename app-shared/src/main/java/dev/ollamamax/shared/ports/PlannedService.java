package dev.ollamamax.shared.ports;

/** One service of the plan as configured: which port it should be on and who runs it. */
public record PlannedService(ServiceId id, String name, String host, int port, ServiceKind kind) {
}
