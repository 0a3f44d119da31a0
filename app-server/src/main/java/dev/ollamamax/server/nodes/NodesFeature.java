package dev.ollamamax.server.nodes;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.ops.ReadinessCheck;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Owns the node registry, the probe loop and the upstream client, and serves the cluster API
 * ({@code /api/v1/nodes…}, {@code /api/v1/cluster/status}) on the primary listener.
 */
public final class NodesFeature implements GatewayFeature {

    private static final Logger LOG = Logger.getLogger(NodesFeature.class.getName());

    private final GatewayContext context;
    private final NodeRegistry registry;
    private final NodeClient client;
    private final NodeProber prober;
    private final Upstream upstream;
    private final ClusterRoutes routes;
    private final Optional<NodeSync> sync;
    private final ModelAliases aliases;

    /** Nodes of this instance only (nodes added through the API are not shared). */
    public NodesFeature(GatewayContext context) {
        this(context, Optional.empty());
    }

    /** With {@code sync}, nodes added, removed or drained through the API are shared with the other instances. */
    public NodesFeature(GatewayContext context, Optional<NodeSync> sync) {
        this.sync = sync;
        this.context = context;
        Config config = context.config();
        this.registry = new NodeRegistry(context.clock(), Duration.ofMillis(config.getLong(Setting.NODE_COOLDOWN_MS)));
        NodeMetrics metrics = new NodeMetrics(context.meters());
        registry.subscribe(e -> metrics.onEvent(registry, e));
        this.client = new NodeClient(NodeLimits.of(config), NodeAddressPolicy.of(config));
        this.prober = new NodeProber(registry, client, context.json());
        this.upstream = new Upstream(registry, client, context.json(), context.meters(),
                Duration.ofMillis(config.getLong(Setting.STREAM_IDLE_TIMEOUT_MS)));
        this.routes = new ClusterRoutes(context.json(), registry, prober, sync);
        this.aliases = new ModelAliases(registry, context.meters(), configuredAliases(config));
        addConfiguredNodes(config);
        sync.ifPresent(s -> s.start(registry, prober));
        prober.start(Duration.ofMillis(config.getLong(Setting.NODE_PROBE_INTERVAL_MS)));
    }

    private static java.util.Map<String, java.util.List<String>> configuredAliases(Config config) {
        try {
            return ModelAliases.parse(config.get(Setting.MODEL_ALIASES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MODEL_ALIASES: " + e.getMessage(), e);
        }
    }

    private void addConfiguredNodes(Config config) {
        for (String url : config.getList(Setting.OLLAMA_NODES)) {
            try {
                URI node = NodeRegistry.normalize(url);
                client.policy().check(node);
                registry.add(node, Optional.empty());
            } catch (IllegalArgumentException e) {
                LOG.warning("OLLAMA_NODES: " + e.getMessage() + "; skipped");
            }
        }
        if (config.getBoolean(Setting.ENABLE_LOCAL_OLLAMA)) {
            registry.add(URI.create("http://127.0.0.1:" + config.getPort(Setting.OLLAMA_PORT)), Optional.of("local"));
        }
        if (config.getBoolean(Setting.ENABLE_OLLAMA_DISCOVERY)) {
            Thread.ofVirtual().name("ollama-discovery").start(() -> discover(config));
        }
    }

    private void discover(Config config) {
        for (URI candidate : Discovery.open(Discovery.ports(config.get(Setting.DISCOVERY_PORTS)))) {
            String id = NodeRegistry.idOf(NodeRegistry.normalize(candidate.toString()));
            if (registry.get(id).isPresent()) {
                continue;
            }
            Node probe = new Node(id, id, candidate);
            if (prober.probe(probe)) {
                registry.add(candidate, Optional.of("discovered " + candidate.getPort()));
                LOG.info(() -> "Discovered an Ollama server at " + candidate);
            }
        }
        prober.probeAll();
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        if (listener == Listener.PRIMARY) {
            routing.register("/api/v1", routes);
        }
    }

    public NodeRegistry registry() {
        return registry;
    }

    /** Model aliases and fallback groups ({@code MODEL_ALIASES} and the stored ones). */
    public ModelAliases aliases() {
        return aliases;
    }

    public Upstream upstream() {
        return upstream;
    }

    public NodeProber prober() {
        return prober;
    }

    public NodeClient client() {
        return client;
    }

    /** Ready when at least one node can take requests. */
    public ReadinessCheck readiness() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "nodes";
            }

            @Override
            public Result check() {
                long up = registry.all().stream().filter(n -> n.routable(context.clock().instant())).count();
                int all = registry.all().size();
                if (up == 0) {
                    return Result.down(all == 0 ? "no Ollama node is configured" : "none of " + all + " Ollama nodes is healthy");
                }
                return Result.up(up + " of " + all + " nodes healthy");
            }
        };
    }

    @Override
    public void close() {
        sync.ifPresent(s -> {
            try {
                s.close();
            } catch (Exception e) {
                LOG.fine(() -> "node sync close: " + e);
            }
        });
        prober.close();
        upstream.close();
        client.close();
    }
}
