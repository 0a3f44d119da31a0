package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Every {@link ManagedService} of this process, in registration order: listeners, and whatever the
 * database, cache and node features add. Registering an id again replaces the old entry. Thread-safe.
 */
public final class ServiceRegistry {

    private static final Logger LOG = Logger.getLogger(ServiceRegistry.class.getName());

    private final Map<String, ManagedService> services = new LinkedHashMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public void register(ManagedService service) {
        synchronized (services) {
            services.put(service.id(), service);
        }
        changeListeners.forEach(Runnable::run);
    }

    public void unregister(String id) {
        boolean removed;
        synchronized (services) {
            removed = services.remove(id) != null;
        }
        if (removed) {
            changeListeners.forEach(Runnable::run);
        }
    }

    public List<ManagedService> all() {
        synchronized (services) {
            return List.copyOf(services.values());
        }
    }

    public Optional<ManagedService> find(String id) {
        synchronized (services) {
            return Optional.ofNullable(services.get(id));
        }
    }

    /** Called (on the registering thread) whenever a service is added, replaced or removed. */
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /**
     * The services in start order: each after the services it depends on, otherwise in registration
     * order. Unknown dependencies are ignored; a cycle is broken where it is found.
     */
    public List<ManagedService> startOrder() {
        List<ManagedService> all = all();
        Map<String, ManagedService> byId = new LinkedHashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (ManagedService s : all) {
            visit(s, byId, done, visiting);
        }
        return done.stream().map(byId::get).toList();
    }

    private static void visit(ManagedService s, Map<String, ManagedService> byId, Set<String> done,
                              Set<String> visiting) {
        if (done.contains(s.id()) || !visiting.add(s.id())) {
            return;
        }
        for (String dep : s.dependsOn()) {
            ManagedService d = byId.get(dep);
            if (d != null) {
                visit(d, byId, done, visiting);
            }
        }
        visiting.remove(s.id());
        done.add(s.id());
    }

    /**
     * Restarts everything in dependency order: stops dependents first (reverse start order), then
     * starts dependencies first. Blocks; failures are collected and returned, never half-swallowed.
     */
    public List<String> restartAll() {
        List<ManagedService> order = startOrder();
        List<String> failures = new ArrayList<>();
        for (ManagedService s : order.reversed()) {
            try {
                s.stop();
            } catch (Exception e) {
                failures.add(s.displayName() + " did not stop: " + message(e));
            }
        }
        for (ManagedService s : order) {
            try {
                s.start();
            } catch (Exception e) {
                failures.add(s.displayName() + " did not start: " + message(e));
            }
        }
        failures.forEach(LOG::warning);
        return failures;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
