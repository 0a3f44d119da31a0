package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.Conflicts;
import dev.ollamamax.shared.ports.conflicts.Ownership;
import dev.ollamamax.shared.ports.probe.HealthProber;
import dev.ollamamax.shared.ports.probe.ProbeResult;
import dev.ollamamax.shared.ports.sockets.Holder;
import dev.ollamamax.shared.ports.sockets.Listening;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Scans a {@link PortPlan}: reads the socket table and probes every service in parallel (virtual threads,
 * short timeouts), then tells each service's state and every conflict. One scan takes about as long as
 * the slowest probe; services that answer quickly make it a matter of milliseconds.
 */
public final class StackScanner {

    /** Probe timeout used unless another is given. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMillis(300);

    private final SocketTable table;
    private final HealthProber prober;
    private final Ownership ownership;
    private final Duration probeTimeout;

    /**
     * A scanner for the process that runs the embedded services (the desktop app, the headless gateway):
     * a port of an embedded service is the configured service only when {@code ownPid} holds it, a port of
     * a managed service when {@code ownPid} or one of its child processes holds it.
     */
    public StackScanner(SocketTable table, HealthProber prober, long ownPid) {
        this(table, prober, ownPid, DEFAULT_PROBE_TIMEOUT);
    }

    public StackScanner(SocketTable table, HealthProber prober, long ownPid, Duration probeTimeout) {
        this(table, prober, new Ownership(ownPid, false), probeTimeout);
    }

    /**
     * As {@link #StackScanner(SocketTable, HealthProber, long)}, and a managed port held by a process that
     * {@code managedPid} accepts (a server this process started that then detached, like PostgreSQL through
     * {@code pg_ctl}) is the configured service too.
     */
    public StackScanner(SocketTable table, HealthProber prober, long ownPid, java.util.function.LongPredicate managedPid) {
        this(table, prober, new Ownership(ownPid, false, managedPid), DEFAULT_PROBE_TIMEOUT);
    }

    private StackScanner(SocketTable table, HealthProber prober, Ownership ownership, Duration probeTimeout) {
        this.table = table;
        this.prober = prober;
        this.ownership = ownership;
        this.probeTimeout = probeTimeout;
    }

    /**
     * A scanner for a separate tool (the {@code ports} command) that runs no service itself: an embedded or
     * managed port held by any OllamaMax process (or its children) is the configured service.
     */
    public static StackScanner observer(SocketTable table, HealthProber prober) {
        return observer(table, prober, pid -> false);
    }

    /** An observer that also knows the PIDs of managed servers (from the gateway's run files). */
    public static StackScanner observer(SocketTable table, HealthProber prober, java.util.function.LongPredicate managedPid) {
        return new StackScanner(table, prober, new Ownership(ProcessHandle.current().pid(), true, managedPid),
                DEFAULT_PROBE_TIMEOUT);
    }

    public StackScan scan(PortPlan plan) {
        Instant checkedAt = Instant.now();
        long start = System.nanoTime();
        List<PlannedService> services = plan.services();
        List<Listening> listening;
        List<ProbeResult> probes = new ArrayList<>(services.size());
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Listening>> tableRead = exec.submit(table::listening);
            List<Future<ProbeResult>> pending = services.stream()
                    .map(s -> exec.submit(() -> prober.probe(s, probeTimeout))).toList();
            listening = await(tableRead, List.of());
            for (Future<ProbeResult> f : pending) {
                probes.add(await(f, ProbeResult.down(Optional.empty(), "probe failed")));
            }
        }
        Map<Integer, List<Listening>> byPort = listening.stream().collect(Collectors.groupingBy(Listening::port));
        List<Conflict> conflicts = new Conflicts(ownership).find(services, byPort);
        List<ServiceStatus> statuses = new ArrayList<>(services.size());
        for (int i = 0; i < services.size(); i++) {
            statuses.add(status(services.get(i), probes.get(i), byPort.getOrDefault(services.get(i).port(), List.of()),
                    conflicts, checkedAt));
        }
        return new StackScan(statuses, conflicts, listening, Duration.ofNanos(System.nanoTime() - start));
    }

    private static ServiceStatus status(PlannedService s, ProbeResult probe, List<Listening> onPort,
                                        List<Conflict> conflicts, Instant checkedAt) {
        List<Conflict> mine = conflicts.stream()
                .filter(c -> c.services().stream().anyMatch(x -> x == s)).toList();
        Optional<Holder> holder = mine.stream().map(Conflict::holder).flatMap(Optional::stream).findFirst()
                .or(() -> onPort.stream().map(Listening::holder).flatMap(Optional::stream).findFirst());
        ServiceState state = switch (probe.outcome()) {
            case UP -> ServiceState.UP;
            case NOT_READY -> ServiceState.STARTING;
            case DOWN -> ServiceState.DOWN;
        };
        String detail = probe.detail();
        if (!mine.isEmpty()) {
            state = ServiceState.CONFLICT;
            detail = mine.stream().map(Conflict::message).collect(Collectors.joining("; ")) + " (" + detail + ")";
        }
        return new ServiceStatus(s, state, probe.latency(), holder, checkedAt, detail);
    }

    private static <T> T await(Future<T> f, T fallback) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
