package dev.ollamamax.server.cli;

import dev.ollamamax.server.PortInUseException;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.ports.sockets.Holder;
import dev.ollamamax.shared.ports.sockets.Listening;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The message printed when a listener's port is taken: the service, the port and its setting, the process
 * holding it (PID, command and user, where the OS tells) and a free port that no other service is planned on.
 */
final class PortConflictMessage {

    private PortConflictMessage() {
    }

    static String explain(PortInUseException e, Config config) {
        return explain(e, config, SocketTable.system().listening());
    }

    static String explain(PortInUseException e, Config config, List<Listening> listening) {
        Setting setting = e.service().portSetting();
        Optional<Holder> holder = listening.stream().filter(l -> l.port() == e.port())
                .map(Listening::holder).flatMap(Optional::stream).findFirst();
        StringBuilder sb = new StringBuilder("Cannot start: ").append(e.service().displayName())
                .append(" is configured on port ").append(e.port()).append(" (").append(setting.envName())
                .append(") but that port is already in use");
        sb.append(holder.map(h -> " by " + h.describe()).orElse(" (the system does not say by which process)"))
                .append('.');
        if (holder.map(Holder::isOllama).orElse(false)) {
            String host = switch (e.host()) {
                case "", "0.0.0.0", "::", "[::]" -> "127.0.0.1";
                default -> e.host().contains(":") && !e.host().startsWith("[") ? "[" + e.host() + "]" : e.host();
            };
            sb.append("\nThat is Ollama itself: keep it running and use it as an Ollama node (add http://")
                    .append(host).append(':').append(e.port()).append(" to OLLAMA_NODES).");
        }
        sb.append('\n').append(freePortHint(e, config, setting));
        return sb.toString();
    }

    private static String freePortHint(PortInUseException e, Config config, Setting setting) {
        Set<Integer> planned;
        try {
            planned = PortPlan.from(config).ports();
        } catch (RuntimeException invalid) {
            planned = Set.of();
        }
        try {
            int free = FreePorts.nextFree(e.host(), e.port() + 1, planned);
            String option = switch (setting) {
                case PORT -> " (or --port " + free + ")";
                case WS_PORT -> " (or --ws-port " + free + ")";
                case FALLBACK_PORT -> " (or --fallback-port " + free + ")";
                default -> "";
            };
            return "Use a free port instead, e.g. " + setting.envName() + "=" + free + option + ".";
        } catch (RuntimeException none) {
            return "No free port was found above " + e.port() + " on " + e.host() + "; stop the process holding it.";
        }
    }
}
