package dev.ollamamax.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.chat.ChatFeature;
import dev.ollamamax.server.http.BodyLimit;
import dev.ollamamax.server.http.ErrorResponses;
import dev.ollamamax.server.http.HostFilter;
import dev.ollamamax.server.http.HostPolicy;
import dev.ollamamax.shared.config.AppHome;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.probe.PortCheck;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The embedded gateway: three listeners (primary, WebSocket server, fallback), each its own server
 * socket over the same features, so one can be stopped or restarted while the others keep serving.
 * Idempotent {@link #start(Listener)} and {@link #stop(Listener)}; {@link #close()} stops everything.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    private final GatewayContext context;
    private final List<GatewayFeature> features;
    private final Map<Listener, WebServer> servers = new EnumMap<>(Listener.class);
    private final Map<Listener, Integer> boundPorts = new EnumMap<>(Listener.class);

    private Gateway(GatewayContext context, List<GatewayFeature> features) {
        this.context = context;
        this.features = List.copyOf(features);
    }

    /** Builds the gateway's features from the configuration; no listener is started yet. */
    public static Gateway create(Config config) {
        return create(config, Features::standard);
    }

    /** Builds the gateway with the given features (tests pass their own lists). */
    public static Gateway create(Config config, Function<GatewayContext, List<GatewayFeature>> features) {
        return create(config, features, Clock.systemUTC());
    }

    /** As {@link #create(Config, Function)}, on the given clock (tokens, sessions, rate limits, node cooldowns). */
    public static Gateway create(Config config, Function<GatewayContext, List<GatewayFeature>> features, Clock clock) {
        refuseInsecureRemote(config);
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayContext context = new GatewayContext(config, AppHome.resolve(config), json, meters, clock);
        return new Gateway(context, features.apply(context));
    }

    /**
     * Checks every listener's configured port (port 0 needs no check) before anything is built or started:
     * a taken one throws {@link PortInUseException} while no store, node or listener is running yet.
     */
    public static void checkPorts(Config config) {
        String host = config.get(Setting.HOST);
        for (Listener listener : Listener.values()) {
            int port = config.getPort(listener.portSetting());
            if (port != 0) {
                ensureBindable(listener, host, port);
            }
        }
    }

    /** Starts all three listeners; a port that cannot be bound stops the others and throws {@link PortInUseException}. */
    public Gateway startAll() {
        try {
            for (Listener listener : Listener.values()) {
                start(listener);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Starts one listener on its configured port (or the port it had before, when restarting on port 0). */
    public synchronized void start(Listener listener) {
        if (isRunning(listener)) {
            return;
        }
        Config config = context.config();
        String host = config.get(Setting.HOST);
        int port = boundPorts.getOrDefault(listener, config.getPort(listener.portSetting()));
        HttpRouting.Builder http = HttpRouting.builder();
        WsRouting.Builder ws = WsRouting.builder();
        ErrorResponses.install(http, context.json());
        http.addFilter(new HostFilter(HostPolicy.of(config), context.json(), context.meters()));
        http.addFilter(new BodyLimit(config.getLong(Setting.MAX_BODY_BYTES), context.json()));
        for (GatewayFeature feature : features) {
            feature.http(listener, http);
            feature.websocket(listener, ws);
        }
        if (port != 0) {
            ensureBindable(listener, host, port);
        }
        WebServer server = WebServer.builder()
                .name(listener.wireName())
                .host(host)
                .port(port)
                .shutdownHook(false)
                .maxPayloadSize(Math.max(config.getLong(Setting.MAX_BODY_BYTES), config.getLong(Setting.MAX_BLOB_BYTES)))
                .connectionOptions(connectionOptions())
                .addProtocol(WsConfig.builder().name("websocket").maxFrameLength(ChatFeature.transportFrameLimit(config)).build())
                .routing(http)
                .addRouting(ws)
                .build();
        try {
            server.start();
        } catch (UncheckedIOException | IllegalStateException e) {
            if (causedByBind(e)) {
                throw new PortInUseException(listener.service(), host, port, e);
            }
            throw e;
        }
        if (!server.isRunning()) {
            throw new PortInUseException(listener.service(), host, port,
                    new BindException("the listener did not start"));
        }
        servers.put(listener, server);
        boundPorts.put(listener, server.port());
        LOG.info(() -> listener.service().displayName() + " listening on http://" + host + ":" + server.port());
    }

    /**
     * Options of every accepted connection. {@code TCP_NODELAY}: a streamed answer is small writes (the
     * headers, then each chunk); with Nagle's algorithm the first chunk waited for the client's delayed
     * ACK of the headers, about 40 ms on Linux (docs/performance.md).
     */
    static SocketOptions connectionOptions() {
        return SocketOptions.builder().tcpNoDelay(true).build();
    }

    public synchronized void stop(Listener listener) {
        WebServer server = servers.remove(listener);
        if (server != null) {
            server.stop();
            LOG.info(() -> listener.service().displayName() + " stopped");
        }
    }

    public void restart(Listener listener) {
        stop(listener);
        start(listener);
    }

    public synchronized boolean isRunning(Listener listener) {
        WebServer server = servers.get(listener);
        return server != null && server.isRunning();
    }

    /** The port a listener is (or was last) bound to. */
    public synchronized Optional<Integer> port(Listener listener) {
        return Optional.ofNullable(boundPorts.get(listener));
    }

    public GatewayContext context() {
        return context;
    }

    /** The first feature of the given type, for the desktop app and tests. */
    public <T extends GatewayFeature> Optional<T> feature(Class<T> type) {
        return features.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public synchronized void close() {
        for (Listener listener : new ArrayList<>(servers.keySet())) {
            stop(listener);
        }
        for (GatewayFeature feature : features.reversed()) {
            try {
                feature.close();
            } catch (RuntimeException e) {
                LOG.warning("Closing " + feature.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    /** Binds and releases the port first, so a taken port gives a clear error instead of Helidon's stack trace. */
    /**
     * {@code AUTH_ENABLED=false} serves every caller as the admin; on an address other machines can reach
     * that is refused unless {@code ALLOW_INSECURE_REMOTE=true} says it is meant.
     */
    static void refuseInsecureRemote(Config config) {
        String host = config.get(Setting.HOST);
        if (!config.getBoolean(Setting.AUTH_ENABLED) && !HostPolicy.isLoopback(host)
                && !config.getBoolean(Setting.ALLOW_INSECURE_REMOTE)) {
            throw new ConfigException("AUTH_ENABLED=false with HOST=" + host + " would let everyone who can reach "
                    + "this address act as the admin without signing in (add and remove nodes, delete models, read "
                    + "every conversation). Bind HOST to 127.0.0.1, turn AUTH_ENABLED on, or set "
                    + "ALLOW_INSECURE_REMOTE=true if that is really meant.");
        }
    }

    private static void ensureBindable(Listener listener, String host, int port) {
        try {
            PortCheck.tryBind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(listener.service(), host, port, e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
