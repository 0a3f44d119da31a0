package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.ports.project.ProjectPorts;
/**
 * One service as configured: which port it should be on, who runs it and where that port is configured.
 * Services of the plan come from {@link PortPlan#from}; services of a project folder from {@link ProjectPorts}.
 */
public record PlannedService(ServiceId id, String name, String host, int port, ServiceKind kind, PortOrigin origin) {

    /** A service whose port is its plan setting with no known source (tests, hand-built plans). */
    public PlannedService(ServiceId id, String name, String host, int port, ServiceKind kind) {
        this(id, name, host, port, kind, new PortOrigin(id.setting().map(s -> s.envName()).orElse(name), "",
                java.util.Optional.empty()));
    }

    /** "Backend API (GO_API_PORT in /work/app/.env)", for messages. */
    public String describe() {
        return name + " (" + origin.describe() + ")";
    }
}
