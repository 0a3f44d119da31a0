package dev.ollamamax.shared.ports.conflicts;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.ports.probe.StandardProber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Suggests a fix for each conflict of a scan. Free ports are looked for above the conflicting port, never on
 * a port another service is configured on, something listens on, or an earlier fix already suggested.
 */
public final class PortFixes {

    private PortFixes() {
    }

    /** One fix per conflict, in the scan's order; a service in two conflicts is moved to the same port in both. */
    public static List<PortFix> suggest(StackScan scan) {
        Moves moves = new Moves(new HashSet<>(), new IdentityHashMap<>());
        scan.services().forEach(s -> moves.taken().add(s.service().port()));
        scan.listening().forEach(l -> moves.taken().add(l.port()));
        List<PortFix> fixes = new ArrayList<>();
        for (Conflict c : scan.conflicts()) {
            fixes.add(switch (c.kind()) {
                case SHARED_PORT -> shared(c, moves);
                case FOREIGN_HOLDER -> foreign(c, moves);
                case OLLAMA_ALREADY_RUNNING -> ollama(c, moves);
            });
        }
        return fixes;
    }

    /** Ports not to suggest, and the port already chosen for each service. */
    private record Moves(Set<Integer> taken, Map<PlannedService, Integer> chosen) {

        List<PortFix.Move> of(List<PlannedService> services, int from) {
            List<PortFix.Move> moves = new ArrayList<>();
            for (PlannedService s : services) {
                Integer port = chosen.get(s);
                if (port == null) {
                    try {
                        port = FreePorts.nextFree(s.host(), from + 1, taken);
                    } catch (RuntimeException e) {
                        continue; // no free port on that host: this service gets no suggestion
                    }
                    taken.add(port);
                    chosen.put(s, port);
                }
                moves.add(new PortFix.Move(s, port));
            }
            return moves;
        }
    }

    /** Keeps the service whose default port this is (Ollama on 11434), else the first; moves the others. */
    private static PortFix shared(Conflict c, Moves ports) {
        PlannedService keep = c.services().stream().filter(s -> isHome(s, c.port())).findFirst()
                .orElse(c.services().getFirst());
        List<PortFix.Move> moves = ports.of(c.services().stream().filter(s -> s != keep).toList(), c.port());
        return new PortFix(c, moves, Optional.empty(), "Keep " + keep.describe() + " on " + c.port() + "; " + describe(moves));
    }

    private static PortFix foreign(Conflict c, Moves ports) {
        List<PortFix.Move> moves = ports.of(c.services(), c.port());
        String stop = c.holder().map(h -> " (or stop PID " + h.pid() + ")").orElse("");
        return new PortFix(c, moves, Optional.empty(), describe(moves) + stop);
    }

    private static PortFix ollama(Conflict c, Moves ports) {
        String host = c.services().isEmpty() ? "127.0.0.1" : StandardProber.probeHost(c.services().getFirst().host());
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.port();
        List<PlannedService> others = c.services().stream().filter(s -> s.id() != ServiceId.OLLAMA).toList();
        List<PortFix.Move> moves = ports.of(others, c.port());
        String summary = "Adopt it as an Ollama node (add " + url + " to OLLAMA_NODES) rather than stopping it"
                + (moves.isEmpty() ? "" : "; " + describe(moves));
        return new PortFix(c, moves, Optional.of(url), summary);
    }

    private static boolean isHome(PlannedService s, int port) {
        return s.id().setting().map(setting -> setting.defaultValue().equals(Integer.toString(port))).orElse(false);
    }

    private static String describe(List<PortFix.Move> moves) {
        if (moves.isEmpty()) {
            return "no free port found to move to";
        }
        return moves.stream().map(m -> "move " + m.service().name() + ": " + m.assignment())
                .collect(Collectors.joining("; "));
    }
}
