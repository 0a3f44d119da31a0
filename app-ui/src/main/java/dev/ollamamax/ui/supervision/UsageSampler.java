package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * CPU and memory of every service that is a process of its own (PostgreSQL, Redis, {@code ollama serve}, the
 * stack's processes), read with OSHI every 2 s on a background thread. A service counts with its child
 * processes (a stack command's shell runs the real program as its child). CPU is the share of one core used
 * since the previous sample; memory is the resident set.
 */
public final class UsageSampler implements AutoCloseable {

    /** One sample: percent of one core (above 100 when several cores are busy) and resident bytes. */
    public record Usage(double cpuPercent, long residentBytes) {
    }

    private static final Logger LOG = Logger.getLogger(UsageSampler.class.getName());

    private final ServiceRegistry registry;
    private final OperatingSystem os = new SystemInfo().getOperatingSystem();
    private final Map<Long, OSProcess> previous = new HashMap<>();
    private final Map<String, Usage> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Usage>> history = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    public UsageSampler(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** The last sample of the service, when it runs as a process of its own. */
    public Optional<Usage> usage(String serviceId) {
        return Optional.ofNullable(latest.get(serviceId));
    }

    /** How many samples {@link #history} keeps: two minutes at one sample every 2 s. */
    public static final int HISTORY = 60;

    /** The service's last samples, oldest first (up to {@link #HISTORY}); empty when it has no process of its own. */
    public List<Usage> history(String serviceId) {
        List<Usage> samples = history.get(serviceId);
        return samples == null ? List.of() : samples;
    }

    /** Samples every service now (blocking, a few milliseconds per process). */
    public synchronized void sampleOnce() {
        Map<Long, OSProcess> seen = new HashMap<>();
        Map<String, Usage> next = new HashMap<>();
        for (ManagedService s : registry.all()) {
            s.pid().ifPresent(pid -> next.put(s.id(), sample(pid, seen)));
        }
        previous.clear();
        previous.putAll(seen);
        latest.keySet().retainAll(next.keySet());
        latest.putAll(next);
        history.keySet().retainAll(next.keySet());
        next.forEach((id, usage) -> history.merge(id, List.of(usage), (old, add) -> {
            List<Usage> out = new ArrayList<>(old.subList(Math.max(0, old.size() - HISTORY + 1), old.size()));
            out.addAll(add);
            return List.copyOf(out);
        }));
    }

    private Usage sample(long pid, Map<Long, OSProcess> seen) {
        double cpu = 0;
        long rss = 0;
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long p : pids) {
            OSProcess now = os.getProcess((int) p);
            if (now == null) {
                continue;
            }
            seen.put(p, now);
            OSProcess before = previous.get(p);
            cpu += before == null ? 0 : now.getProcessCpuLoadBetweenTicks(before) * 100;
            rss += now.getResidentSetSize();
        }
        return new Usage(cpu, rss);
    }

    /** Samples every 2 s on a daemon thread until {@link #close()}. Idempotent. */
    public synchronized UsageSampler start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "usage-sampler");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    sampleOnce();
                } catch (RuntimeException e) {
                    LOG.fine("usage sample failed: " + e);
                }
            }, 0, 2, TimeUnit.SECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
