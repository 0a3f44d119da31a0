package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.stack.Condition;
import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Runs a stack file's processes as process-compose does: each enabled process starts as soon as its
 * {@code depends_on} conditions hold ({@code process_started}, {@code process_healthy} = readiness passed,
 * {@code process_completed_successfully} = exited 0), so independent ones start together and dependents wait.
 * A condition that can no longer hold (the dependency crashed or stopped) leaves the dependent unstarted, with
 * the reason in its log. {@code disabled: true} processes are not started, nor are adopted ones that were started
 * before (they keep the state they had under the runner of the file's previous version). {@link #close()} stops all of them,
 * dependents first.
 */
public final class StackRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StackRunner.class.getName());
    /** How long a stopped process gets between SIGTERM and SIGKILL. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private final Map<String, StackProcess> processes = new LinkedHashMap<>();
    private final Set<String> adopted = new HashSet<>();
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final List<Thread> waiting = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public StackRunner(StackFile stack) {
        this(stack, GRACE);
    }

    StackRunner(StackFile stack, Duration grace) {
        this(stack, newScheduler(), true, grace, Map.of());
    }

    /** The scheduler stack processes run their probes and delayed restarts on (daemon threads). */
    static ScheduledExecutorService newScheduler() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "stack-probes");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A runner on a shared {@code scheduler} (not shut down by {@link #close()}) that takes over the {@code adopted}
     * processes as they are, running or not: a reloaded stack file restarts only what changed.
     */
    StackRunner(StackFile stack, ScheduledExecutorService scheduler, Duration grace, Map<String, StackProcess> adopted) {
        this(stack, scheduler, false, grace, adopted);
    }

    private StackRunner(StackFile stack, ScheduledExecutorService scheduler, boolean ownsScheduler, Duration grace,
                        Map<String, StackProcess> adopted) {
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        for (ProcessSpec spec : stack.processes()) {
            StackProcess kept = adopted.get(spec.name());
            if (kept != null && kept.spec().sameRunAs(spec)) {
                processes.put(spec.name(), kept);
                this.adopted.add(spec.name());
            } else {
                processes.put(spec.name(), new StackProcess(spec, scheduler, grace));
            }
        }
    }

    /**
     * Hands {@code name}'s process over to another runner: this one no longer stops it on {@link #close()}.
     * Empty if there is no such process.
     */
    Optional<StackProcess> release(String name) {
        return Optional.ofNullable(processes.remove(name));
    }

    /** Every declared process, disabled ones included, in start order. */
    public List<StackProcess> processes() {
        return List.copyOf(processes.values());
    }

    public Optional<StackProcess> process(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    /** Starts every enabled process once its dependencies allow; returns at once (the waiting is in the background). */
    public void startAll() {
        for (StackProcess p : processes.values()) {
            if (!p.spec().disabled() && !(adopted.contains(p.spec().name()) && p.status().attempted())) {
                waiting.add(Thread.ofVirtual().name("stack-start-" + p.spec().name()).start(() -> startWhenReady(p)));
            }
        }
    }

    private void startWhenReady(StackProcess p) {
        try {
            for (Map.Entry<String, Condition> dep : p.spec().dependsOn().entrySet()) {
                StackProcess on = processes.get(dep.getKey());
                if (on.spec().disabled()) {
                    p.note(dep.getKey() + " is disabled; not waiting for it");
                    continue;
                }
                p.note("waiting for " + dep.getKey() + " (" + dep.getValue().yamlName() + ")");
                if (!await(on.status(), dep.getValue())) {
                    p.note("not started: " + dep.getKey() + " ended before " + dep.getValue().yamlName() + " held ("
                            + on.detail() + ")");
                    return;
                }
            }
            if (!closed) {
                p.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning("Stack process " + p.spec().name() + " did not start: " + e.getMessage());
        } finally {
            waiting.remove(Thread.currentThread());
        }
    }

    private boolean await(ProcessState dep, Condition condition) throws InterruptedException {
        while (!closed) {
            boolean met = switch (condition) {
                case PROCESS_STARTED -> dep.started();
                case PROCESS_HEALTHY -> dep.healthy();
                case PROCESS_COMPLETED_SUCCESSFULLY -> dep.completedSuccessfully();
            };
            if (met) {
                return true;
            }
            if (dep.settled()) {
                return false;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Stops every process, dependents first; blocks until they have exited. */
    public void stopAll() {
        waiting.forEach(Thread::interrupt);
        List<StackProcess> order = new ArrayList<>(processes.values());
        for (StackProcess p : order.reversed()) {
            try {
                p.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
