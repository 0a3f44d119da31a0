package dev.ollamamax.shared.ports.project;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.ServiceId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ports a project folder configures ({@link ProjectScan#read}), and the lines that could not be used.
 *
 * @param folder   the folder that was read
 * @param ports    every port found, in file order (root folder first)
 * @param warnings one sentence per value that could not be used ("PORT in api/.env is \"abc\", not a port")
 */
public record ProjectPorts(Path folder, List<ProjectPort> ports, List<String> warnings) {

    public ProjectPorts {
        ports = List.copyOf(ports);
        warnings = List.copyOf(warnings);
    }

    /**
     * The ports as services of the stack. Entries of one folder that configure the same plan service on the
     * same port ({@code PORT} and {@code API_PORT}, or {@code OLLAMA_PORT} and the compose {@code ollama}
     * service) are one service; the same setting in two folders' {@code .env} files is two programs.
     */
    public List<PlannedService> services() {
        List<PlannedService> services = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (ProjectPort p : ports) {
            List<Object> identity = p.role().isPresent()
                    ? List.of(p.role().get(), p.port(), Objects.toString(p.file().getParent()))
                    : List.of(p.file(), p.key(), p.port());
            if (seen.add(identity)) {
                services.add(p.asService());
            }
        }
        return services;
    }

    /**
     * The services this project adds to a plan: those that configure a plan service on the port the plan
     * already gives it are the plan's own service and are left out. Use with {@link PortPlan#withExtra}.
     */
    public List<PlannedService> beyond(PortPlan plan) {
        return services().stream()
                .filter(s -> s.id() == ServiceId.PROJECT
                        || plan.find(s.id()).map(own -> own.port() != s.port()).orElse(true))
                .toList();
    }
}
