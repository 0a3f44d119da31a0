package dev.ollamamax.ui.common;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.services.ListenerService;
import dev.ollamamax.server.services.ServiceRegistry;
import dev.ollamamax.shared.config.Config;
import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one owner of the embedded {@link Gateway}. {@link #start()} and {@link #stop()} are idempotent and
 * block (call them off the FX thread); each listener is started on its own so one taken port does not
 * keep the others down. Its listeners are registered in the {@link ServiceRegistry} as services.
 */
public final class GatewayManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayManager.class.getName());

    private final ServiceRegistry registry;
    private Config config;
    private Gateway gateway;
    private List<ListenerService> listeners = List.of();
    private volatile boolean starting;
    private volatile String message = "not started";

    public GatewayManager(Config config, ServiceRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Creates the gateway if needed and starts every listener that is not running. Returns the failures. */
    public synchronized List<String> start() {
        starting = true;
        message = "starting";
        List<String> failures = new ArrayList<>();
        try {
            if (gateway == null) {
                gateway = Gateway.create(config);
                listeners = ListenerService.of(gateway);
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
        return failures;
    }

    /** Stops every listener and releases the gateway's features. */
    public synchronized void stop() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
            message = "stopped";
        }
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
