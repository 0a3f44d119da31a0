package dev.ollamamax.shared.ports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    public static List<PortFix> suggest(StackScan scan) {
        Set<Integer> taken = new HashSet<>();
        scan.services().forEach(s -> taken.add(s.service().port()));
        scan.listening().forEach(l -> taken.add(l.port()));
        List<PortFix> fixes = new ArrayList<>();
        for (Conflict c : scan.conflicts()) {
            fixes.add(switch (c.kind()) {
                case SHARED_PORT -> shared(c, taken);
                case FOREIGN_HOLDER -> foreign(c, taken);
                case OLLAMA_ALREADY_RUNNING -> ollama(c, taken);
            });
        }
        return fixes;
    }

    /** Keeps the service whose default port this is (Ollama on 11434), else the first; moves the others. */
    private static PortFix shared(Conflict c, Set<Integer> taken) {
        PlannedService keep = c.services().stream().filter(s -> isHome(s, c.port())).findFirst()
                .orElse(c.services().getFirst());
        List<PortFix.Move> moves = moves(c.services().stream().filter(s -> s != keep).toList(), c.port(), taken);
        return new PortFix(c, moves, Optional.empty(), "Keep " + keep.name() + " on " + c.port() + "; " + describe(moves));
    }

    private static PortFix foreign(Conflict c, Set<Integer> taken) {
        List<PortFix.Move> moves = moves(c.services(), c.port(), taken);
        String stop = c.holder().map(h -> " (or stop PID " + h.pid() + ")").orElse("");
        return new PortFix(c, moves, Optional.empty(), describe(moves) + stop);
    }

    private static PortFix ollama(Conflict c, Set<Integer> taken) {
        String host = c.services().isEmpty() ? "127.0.0.1" : StandardProber.probeHost(c.services().getFirst().host());
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.port();
        List<PlannedService> others = c.services().stream().filter(s -> s.id() != ServiceId.OLLAMA).toList();
        List<PortFix.Move> moves = moves(others, c.port(), taken);
        String summary = "Adopt it as an Ollama node (add " + url + " to OLLAMA_NODES) rather than stopping it"
                + (moves.isEmpty() ? "" : "; " + describe(moves));
        return new PortFix(c, moves, Optional.of(url), summary);
    }

    private static boolean isHome(PlannedService s, int port) {
        return s.id().setting().map(setting -> setting.defaultValue().equals(Integer.toString(port))).orElse(false);
    }

    private static List<PortFix.Move> moves(List<PlannedService> services, int from, Set<Integer> taken) {
        List<PortFix.Move> moves = new ArrayList<>();
        for (PlannedService s : services) {
            try {
                int free = FreePorts.nextFree(StandardProber.probeHost(s.host()), from + 1, taken);
                taken.add(free);
                moves.add(new PortFix.Move(s, free));
            } catch (RuntimeException e) {
                // no free port on that host: this service gets no suggestion
            }
        }
        return moves;
    }

    private static String describe(List<PortFix.Move> moves) {
        if (moves.isEmpty()) {
            return "no free port found to move to";
        }
        return moves.stream().map(m -> "move " + m.service().name() + ": " + m.assignment())
                .collect(Collectors.joining("; "));
    }
}
