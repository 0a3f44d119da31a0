package dev.ollamamax.ui.app;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What deserves a pop-up notification: a chat failover to another listener, a service that crashed, and a
 * crashed service running again after its restart. It looks at the service registry every second (and on
 * each registration); the view shows each
 * {@link Alert} (ControlsFX {@code Notifications}, see {@link Notifier}). No scene graph here.
 */
public final class Alerts implements AutoCloseable {

    public enum Level { INFO, WARNING }

    /** One notification: a short title and a sentence. */
    public record Alert(String title, String text, Level level) {
    }

    private final ServiceRegistry registry;
    private final Consumer<Alert> out;
    private final Map<String, ManagedService.State> last = new HashMap<>();
    private final Map<String, Boolean> crashed = new HashMap<>();
    private final AutoCloseable subscription;
    private final java.util.concurrent.ScheduledExecutorService ticker;

    /** Watches on its own; {@link #servicesChanged} runs every second until {@link #close}. */
    public static Alerts watching(ServiceRegistry registry, Consumer<Alert> out) {
        return new Alerts(registry, out, true);
    }

    /** Looks only when {@link #servicesChanged} is called (tests). */
    static Alerts manual(ServiceRegistry registry, Consumer<Alert> out) {
        return new Alerts(registry, out, false);
    }

    private Alerts(ServiceRegistry registry, Consumer<Alert> out, boolean tick) {
        this.registry = registry;
        this.out = out;
        this.subscription = registry.onChange(this::servicesChanged);
        servicesChanged();
        this.ticker = tick ? java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("service-alerts").factory()) : null;
        if (ticker != null) {
            ticker.scheduleWithFixedDelay(this::servicesChanged, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Compares every service's state with the last one seen; called on each registry change (and by tests). */
    public synchronized void servicesChanged() {
        for (ManagedService s : registry.all()) {
            ManagedService.State now = s.state();
            ManagedService.State before = last.put(s.id(), now);
            if (now == before) {
                continue;
            }
            if (now == ManagedService.State.CRASHED) {
                crashed.put(s.id(), true);
                out.accept(new Alert(s.displayName() + " crashed",
                        "It is restarted with backoff (1 s, 2 s, 4 s … 30 s); its log is on the Logs screen.", Level.WARNING));
            } else if (now == ManagedService.State.RUNNING && crashed.remove(s.id()) != null) {
                out.accept(new Alert(s.displayName() + " restarted", "It is running again after a crash.", Level.INFO));
            } else if (now == ManagedService.State.STOPPED) {
                crashed.remove(s.id());
            }
        }
    }

    /** The chat moved to another listener (the text says from where to where). */
    public void failover(String text) {
        out.accept(new Alert("Chat failover", text, Level.WARNING));
    }

    @Override
    public void close() throws Exception {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        subscription.close();
    }
}
