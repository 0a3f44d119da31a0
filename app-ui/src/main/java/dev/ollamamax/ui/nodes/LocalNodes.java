package dev.ollamamax.ui.nodes;

import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.supervision.OllamaBinary;
import dev.ollamamax.ui.supervision.OllamaServeService;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The {@code ollama serve} processes this desktop started: each one a service in the desktop's
 * {@link ServiceRegistry} (so the Supervisor restarts it and its log is on the Logs screen) and a node of the
 * gateway, added again when the gateway is restarted. Blocking methods; call them off the UI thread.
 */
public final class LocalNodes implements AutoCloseable {

    /** Local nodes get ports from here up, past the plan's Ollama port. */
    static final int FIRST_PORT = 11435;
    private static final Logger LOG = Logger.getLogger(LocalNodes.class.getName());

    private final GatewayManager gateway;
    private final ServiceRegistry services;
    private final Map<String, String> env;
    private final Supplier<Config> settings;
    private final List<OllamaServeService> started = new CopyOnWriteArrayList<>();

    /** @param settings the latest saved configuration ({@code OLLAMA_BINARY} applies without a gateway restart) */
    public LocalNodes(GatewayManager gateway, ServiceRegistry services, Map<String, String> env, Supplier<Config> settings) {
        this.gateway = gateway;
        this.services = services;
        this.env = Map.copyOf(env);
        this.settings = settings;
    }

    /** The {@code ollama} program: {@code OLLAMA_BINARY} when set, else the first on the PATH. */
    public Optional<Path> binary() {
        return OllamaBinary.find(settings.get().get(Setting.OLLAMA_BINARY), env);
    }

    /** What {@link #binary()} looked at, for the "not found" message. */
    public String whereLooked() {
        String configured = settings.get().get(Setting.OLLAMA_BINARY);
        return configured.isBlank() ? "no ollama program on the PATH" : "OLLAMA_BINARY=" + configured + " is not an executable file";
    }

    /**
     * Starts {@code ollama serve} on the next free port (from 11435, skipping the plan's ports), waits until it
     * answers, and adds it as a node. Throws when there is no binary or it does not come up.
     */
    public OllamaServeService start() throws Exception {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("Ollama is not installed: " + whereLooked()));
        String host = "127.0.0.1";
        Set<Integer> planned = PortPlan.from(gateway.config()).services().stream().map(s -> s.port())
                .collect(Collectors.toCollection(java.util.HashSet::new));
        planned.addAll(started.stream().map(s -> s.url().getPort()).toList());
        int port = FreePorts.nextFree(host, FIRST_PORT, planned);
        OllamaServeService service = new OllamaServeService(binary, host, port);
        services.register(service);
        try {
            service.start();
        } catch (Exception e) {
            services.unregister(service.id());
            throw e;
        }
        started.add(service);
        addAsNode(service);
        return service;
    }

    /** Adds every started node to the current gateway's registry (after a gateway restart it has none of them). */
    public void reattach() {
        started.forEach(this::addAsNode);
    }

    public List<OllamaServeService> started() {
        return List.copyOf(started);
    }

    private void addAsNode(OllamaServeService service) {
        gateway.feature(NodesFeature.class).map(NodesFeature::registry).ifPresent((NodeRegistry r) -> {
            r.add(service.url(), Optional.of("local ollama :" + service.url().getPort()));
            Thread.ofVirtual().start(() -> gateway.feature(NodesFeature.class).ifPresent(n -> n.prober().probeAll()));
        });
    }

    /** Stops every {@code ollama serve} this desktop started. */
    @Override
    public void close() {
        for (OllamaServeService s : started) {
            try {
                s.stop();
            } catch (Exception e) {
                LOG.warning("Stopping " + s.displayName() + " failed: " + e.getMessage());
            }
        }
    }
}
