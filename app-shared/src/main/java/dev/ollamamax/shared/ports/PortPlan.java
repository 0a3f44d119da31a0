package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The services of the plan with the ports the configuration gives them. */
public record PortPlan(List<PlannedService> services) {

    public PortPlan {
        services = List.copyOf(services);
    }

    public static PortPlan from(Config config) {
        String host = config.get(Setting.HOST);
        List<PlannedService> list = new ArrayList<>();
        for (ServiceId id : ServiceId.values()) {
            ServiceKind kind = id.defaultKind();
            if (id == ServiceId.POSTGRES && !config.get(Setting.DATABASE_URL).isBlank()
                    || id == ServiceId.REDIS && !config.get(Setting.REDIS_URL).isBlank()) {
                kind = ServiceKind.EXTERNAL;
            }
            String serviceHost = kind == ServiceKind.EMBEDDED ? host : "127.0.0.1";
            list.add(new PlannedService(id, id.displayName(), serviceHost, config.getPort(id.portSetting()), kind));
        }
        return new PortPlan(list);
    }

    public Optional<PlannedService> find(ServiceId id) {
        return services.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The services configured on a port. */
    public List<PlannedService> on(int port) {
        return services.stream().filter(s -> s.port() == port).toList();
    }
}
