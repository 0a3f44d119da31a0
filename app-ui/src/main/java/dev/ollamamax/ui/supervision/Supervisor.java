package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.runtime.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The restart policy for crashed services: a service seen {@link ManagedService.State#CRASHED} is
 * started again after a {@link Backoff} delay that doubles with every crash (1 s, 2 s, 4 s … 30 s);
 * once it has kept running for {@code stableAfter} the count starts over. A service the user stopped
 * is left alone, and so is one that {@link RestartsItself}. {@link #tick()} does one round (tests call it with their own clock);
 * {@link #start()} ticks on a background thread.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());

    private final ServiceRegistry registry;
    private final Backoff backoff;
    private final Duration stableAfter;
    private final Clock clock;
    private final Map<String, Track> tracks = new HashMap<>();
    private ScheduledExecutorService ticker;

    private static final class Track {
        int attempts;
        Instant due;
        Instant runningSince;
        String lastFailure = "";
    }

    public Supervisor(ServiceRegistry registry, Backoff backoff, Duration stableAfter, Clock clock) {
        this.registry = registry;
        this.backoff = backoff;
        this.stableAfter = stableAfter;
        this.clock = clock;
    }

    /** 1 s doubling to 30 s; the count resets after a minute of running. */
    public static Supervisor standard(ServiceRegistry registry) {
        return new Supervisor(registry, Backoff.STANDARD, Duration.ofMinutes(1), Clock.systemUTC());
    }

    /** Looks at every service once and restarts those whose delay has passed. Blocks while they start. */
    public void tick() {
        for (ManagedService service : registry.all()) {
            if (service instanceof RestartsItself) {
                continue;
            }
            Track t;
            synchronized (this) {
                t = tracks.computeIfAbsent(service.id(), id -> new Track());
            }
            if (due(service, t)) {
                restart(service, t);
            }
        }
    }

    private synchronized boolean due(ManagedService service, Track t) {
        Instant now = clock.instant();
        switch (service.state()) {
            case CRASHED -> {
                t.runningSince = null;
                if (t.due == null) {
                    t.due = now.plus(backoff.delay(t.attempts));
                    LOG.info(() -> service.displayName() + " crashed; restarting in " + seconds(t.due, now) + " s");
                }
                return !now.isBefore(t.due);
            }
            case RUNNING -> {
                t.due = null;
                if (t.runningSince == null) {
                    t.runningSince = now;
                } else if (t.attempts > 0 && !now.isBefore(t.runningSince.plus(stableAfter))) {
                    t.attempts = 0;
                    t.lastFailure = "";
                }
            }
            case STOPPED -> {
                t.due = null;
                t.attempts = 0;
                t.runningSince = null;
            }
            default -> {
            }
        }
        return false;
    }

    private void restart(ManagedService service, Track t) {
        synchronized (this) {
            t.due = null;
            t.attempts++;
        }
        try {
            service.start();
            synchronized (this) {
                t.lastFailure = "";
            }
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            synchronized (this) {
                t.lastFailure = why;
            }
            LOG.warning(service.displayName() + " restart attempt " + t.attempts + " failed: " + why);
        }
    }

    /** "restarting in 4 s" while a restart is pending, for the status column. */
    public synchronized Optional<String> detail(String id) {
        Track t = tracks.get(id);
        if (t == null || t.due == null) {
            return Optional.empty();
        }
        long s = seconds(t.due, clock.instant());
        String text = s <= 0 ? "restarting now" : "restarting in " + s + " s";
        return Optional.of(t.lastFailure.isEmpty() ? text : text + " (last attempt: " + t.lastFailure + ")");
    }

    /** How many restarts were tried since the service last ran stably. */
    public synchronized int attempts(String id) {
        Track t = tracks.get(id);
        return t == null ? 0 : t.attempts;
    }

    private static long seconds(Instant due, Instant now) {
        long millis = Duration.between(now, due).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** Ticks every 250 ms on a daemon thread until {@link #close()}. Idempotent. */
    public synchronized Supervisor start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "service-supervisor");
                th.setDaemon(true);
                return th;
            });
            ticker.scheduleWithFixedDelay(this::safeTick, 250, 250, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warning("Supervisor round failed: " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
