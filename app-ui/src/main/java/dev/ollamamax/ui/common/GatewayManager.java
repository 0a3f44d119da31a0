package dev.ollamamax.ui.common;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.auth.AuthFeature;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.supervision.ListenerService;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The one owner of the embedded {@link Gateway}. {@link #start()} and {@link #stop()} are idempotent and
 * block (call them off the FX thread); each listener is started on its own so one taken port does not
 * keep the others down. Its listeners, and the embedded PostgreSQL and Redis they depend on, are registered
 * in the {@link ServiceRegistry} as services. Screens that hold on to the gateway's parts (node registry,
 * meters) listen with {@link #onChange(Runnable)}: a restart creates a new gateway.
 */
public final class GatewayManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayManager.class.getName());

    private final ServiceRegistry registry;
    private Config config;
    private Gateway gateway;
    private List<ListenerService> listeners = List.of();
    private volatile boolean starting;
    private volatile String message = "not started";
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public GatewayManager(Config config, ServiceRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Creates the gateway if needed and starts every listener that is not running. Returns the failures. */
    public synchronized List<String> start() {
        starting = true;
        message = "starting";
        List<String> failures = new ArrayList<>();
        boolean created = false;
        try {
            if (gateway == null) {
                gateway = Gateway.create(config);
                created = true;
                List<ManagedService> stores = gateway.feature(StoreFeature.class).map(StoreFeature::services)
                        .orElse(List.of());
                stores.forEach(registry::register);
                listeners = ListenerService.of(gateway, stores.stream().map(ManagedService::id).toList());
                listeners.forEach(registry::register);
            }
            for (ListenerService listener : listeners) {
                try {
                    listener.start();
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                    LOG.warning(e.getMessage());
                }
            }
            message = failures.isEmpty() ? "" : String.join("; ", failures);
        } catch (RuntimeException e) {
            message = "gateway did not start: " + e.getMessage();
            failures.add(message);
            LOG.severe(message);
        } finally {
            starting = false;
        }
        if (created) {
            fireChange();
            writeLocalAdminFileWhenReady(gateway);
        }
        return failures;
    }

    /** Once the database answers (within a minute), keeps {@code local-admin.json} up to date, off the FX thread. */
    private void writeLocalAdminFileWhenReady(Gateway started) {
        Thread.ofVirtual().name("local-admin-file").start(() -> {
            for (int i = 0; i < 600 && gateway().filter(g -> g == started).isPresent(); i++) {
                if (ensureLocalAdminFile().isPresent() || !authEnabled()) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops every listener and releases the gateway's features. */
    public synchronized void stop() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
            message = "stopped";
            fireChange();
        }
    }

    /**
     * Called (on the thread that started or stopped it) after a new gateway was created and after the gateway
     * was stopped; listeners read {@link #gateway()} again. Returns a handle that stops listening.
     */
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    private void fireChange() {
        for (Runnable l : changeListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warning("Gateway change listener failed: " + e);
            }
        }
    }

    /** A feature of the running gateway. */
    public <T extends GatewayFeature> Optional<T> feature(Class<T> type) {
        return gateway().flatMap(g -> g.feature(type));
    }

    /** The running gateway's meter registry (the numbers {@code /metrics} serves). */
    public Optional<MeterRegistry> meters() {
        return gateway().map(g -> g.context().meters());
    }

    /** The address local clients use to reach the listeners: the bound host, loopback for a wildcard. */
    public String clientHost() {
        String host = config().get(Setting.HOST).strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** {@code ws://host:port/chat} of each listener that has a port, primary first (the fallback chain). */
    public List<URI> chatEndpoints() {
        Optional<Gateway> g = gateway();
        if (g.isEmpty()) {
            return List.of();
        }
        List<URI> out = new ArrayList<>();
        for (Listener l : Listener.values()) {
            g.get().port(l).ifPresent(p -> out.add(URI.create("ws://" + clientHost() + ":" + p + "/chat")));
        }
        return out;
    }

    /** {@code http://host:port} of the primary listener while it runs (the REST and Ollama APIs). */
    public Optional<URI> apiBase() {
        return gateway().filter(g -> g.isRunning(Listener.PRIMARY)).flatMap(g -> g.port(Listener.PRIMARY))
                .map(p -> URI.create("http://" + clientHost() + ":" + p));
    }

    /**
     * A fresh in-process access token for the desktop's own requests while auth is on
     * ({@link AuthFeature#localAccessToken()}); empty when auth is off or the database is not up yet.
     */
    public Optional<String> localToken() {
        return feature(AuthFeature.class).filter(AuthFeature::enabled).flatMap(AuthFeature::localAccessToken);
    }

    /**
     * Whether the desktop's account may manage nodes and models (the admin role). The desktop signs in as the
     * local admin, so this is true unless that account lost the role; true too while the database is not up
     * yet (the gateway itself refuses what the role does not allow).
     */
    public boolean canManage() {
        return feature(AuthFeature.class).flatMap(AuthFeature::localPrincipal)
                .map(dev.ollamamax.server.auth.Principal::isAdmin).orElse(true);
    }

    /**
     * Makes sure {@code <OLLAMAMAX_HOME>/local-admin.json} (owner-only) holds a working admin API key for this
     * OS user's scripts and tools; empty while auth is off or the database is not up. Call off the FX thread.
     */
    public Optional<String> ensureLocalAdminFile() {
        return feature(AuthFeature.class).filter(AuthFeature::enabled).flatMap(AuthFeature::localAdminKey);
    }

    /** Whether the gateway requires credentials (then {@link #localToken()} is needed). */
    public boolean authEnabled() {
        return feature(AuthFeature.class).map(AuthFeature::enabled).orElse(false);
    }

    /** Stops the gateway and starts a new one with this configuration (after settings were saved). */
    public synchronized List<String> restart(Config newConfig) {
        stop();
        this.config = newConfig;
        return start();
    }

    /**
     * Takes a configuration whose changes do not concern the running listeners (another service's port):
     * the plan shows it at once, the gateway uses it from its next start.
     */
    public synchronized void useConfig(Config newConfig) {
        this.config = newConfig;
    }

    public synchronized Config config() {
        return config;
    }

    public synchronized Optional<Gateway> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** The live state: which listeners run now, and on which ports. Cheap; safe from any thread. */
    public GatewayStatus status() {
        if (starting) {
            return new GatewayStatus(GatewayStatus.Phase.STARTING, Map.of(), "");
        }
        Gateway g;
        String msg;
        synchronized (this) {
            g = gateway;
            msg = message;
        }
        if (g == null) {
            return new GatewayStatus(GatewayStatus.Phase.STOPPED, Map.of(), msg);
        }
        Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
        for (Listener l : Listener.values()) {
            if (g.isRunning(l)) {
                g.port(l).ifPresent(p -> ports.put(l, p));
            }
        }
        GatewayStatus.Phase phase = ports.size() == Listener.values().length ? GatewayStatus.Phase.UP
                : ports.isEmpty() ? GatewayStatus.Phase.DOWN : GatewayStatus.Phase.PARTIAL;
        return new GatewayStatus(phase, ports, phase == GatewayStatus.Phase.UP ? "" : msg);
    }

    /** The {@code ollamamax.streams.in_flight} gauge, or 0 while no feature registers it. */
    public int streamsInFlight() {
        return gateway().flatMap(g -> Optional.ofNullable(
                        g.context().meters().find("ollamamax.streams.in_flight").gauge()))
                .map(Gauge::value).filter(v -> !v.isNaN()).map(Double::intValue).orElse(0);
    }

    @Override
    public void close() {
        stop();
    }
}
