package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigSource;
import dev.ollamamax.shared.config.ConfigValue;
import dev.ollamamax.shared.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The services of the plan with the ports the configuration gives them, plus any extra services added. */
public record PortPlan(List<PlannedService> services) {

    public PortPlan {
        services = List.copyOf(services);
    }

    public static PortPlan from(Config config) {
        String host = config.get(Setting.HOST);
        List<PlannedService> list = new ArrayList<>();
        for (ServiceId id : ServiceId.plan()) {
            ServiceKind kind = id.defaultKind();
            if (id == ServiceId.POSTGRES && !config.get(Setting.DATABASE_URL).isBlank()
                    || id == ServiceId.REDIS && !config.get(Setting.REDIS_URL).isBlank()) {
                kind = ServiceKind.EXTERNAL;
            }
            String serviceHost = kind == ServiceKind.EMBEDDED ? host : "127.0.0.1";
            list.add(new PlannedService(id, id.displayName(), serviceHost, config.getPort(id.portSetting()), kind,
                    origin(config, id.portSetting())));
        }
        return new PortPlan(list);
    }

    private static PortOrigin origin(Config config, Setting setting) {
        ConfigValue value = config.value(setting);
        Optional<java.nio.file.Path> file = value.source() == ConfigSource.DOTENV ? config.dotEnvFile() : Optional.empty();
        return new PortOrigin(setting.envName(), value.source().label(), file);
    }

    /** This plan with more services after its own (for example those of a project folder). */
    public PortPlan withExtra(List<PlannedService> extra) {
        List<PlannedService> all = new ArrayList<>(services);
        all.addAll(extra);
        return new PortPlan(all);
    }

    public Optional<PlannedService> find(ServiceId id) {
        return services.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The services configured on a port. */
    public List<PlannedService> on(int port) {
        return services.stream().filter(s -> s.port() == port).toList();
    }

    /** Every port some service is configured on (0, "any free port", left out). */
    public Set<Integer> ports() {
        Set<Integer> ports = new TreeSet<>();
        services.forEach(s -> {
            if (s.port() > 0) {
                ports.add(s.port());
            }
        });
        return ports;
    }
}
