package dev.ollamamax.shared.ports.project;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.ServiceKind;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One port a project folder configures: a {@code .env} key or a compose service's published port.
 *
 * @param file          the file that sets it
 * @param key           the {@code .env} key, or {@code services.<name>.ports} for a compose mapping
 * @param name          a name for people: the plan service it configures, the compose service, or the key
 * @param host          the address it binds ({@code 127.0.0.1} unless the mapping names one)
 * @param port          the port on this machine
 * @param role          the service of the plan it configures, when it is one (by setting name, compose service or image)
 * @param containerPort for a compose mapping, the port inside the container
 */
public record ProjectPort(Path file, String key, String name, String host, int port, Optional<ServiceId> role,
                          Optional<Integer> containerPort) {

    public boolean fromCompose() {
        return containerPort.isPresent();
    }

    /** This port as a service of the stack, run by someone else. */
    public PlannedService asService() {
        return new PlannedService(role.orElse(ServiceId.PROJECT), name, host, port, ServiceKind.EXTERNAL,
                new PortOrigin(key, fromCompose() ? "compose" : ".env", Optional.of(file)));
    }
}
