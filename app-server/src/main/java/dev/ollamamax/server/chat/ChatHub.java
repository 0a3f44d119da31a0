package dev.ollamamax.server.chat;

import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.shared.protocol.FrameCodec;
import dev.ollamamax.shared.protocol.ServerFrame;
import dev.ollamamax.shared.protocol.ServiceInfo;
import dev.ollamamax.shared.protocol.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The open chat connections of all three listeners: pushes node events, service updates and metrics
 * to subscribers, pings connections that have been silent for a heartbeat, closes those silent for
 * three, closes those whose client sent no message for the idle timeout, checks every connection's
 * credential again at a fixed interval, and notices connections whose socket went away without a close frame.
 */
final class ChatHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChatHub.class.getName());

    private final Set<ServerChatSession> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, ServiceInfo> services = new ConcurrentSkipListMap<>();
    private final FrameCodec codec;
    private final ChatMetrics metrics;
    private final long heartbeatNanos;
    private final ScheduledExecutorService timer;
    private final AutoCloseable nodeSubscription;

    ChatHub(FrameCodec codec, ChatMetrics metrics, NodeRegistry nodes, Duration heartbeat, Duration metricsInterval,
            Duration authRecheck) {
        this.codec = codec;
        this.metrics = metrics;
        this.heartbeatNanos = heartbeat.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("chat-heartbeat").factory());
        long tick = Math.max(50, Math.min(1000, heartbeat.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
        long recheck = Math.max(100, authRecheck.toMillis());
        timer.scheduleWithFixedDelay(this::recheckCredentials, recheck, recheck, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::pushMetrics, metricsInterval.toMillis(), metricsInterval.toMillis(), TimeUnit.MILLISECONDS);
        this.nodeSubscription = nodes.subscribe(e -> broadcast(Topic.NODES, NodeViews.frame(e)));
    }

    FrameCodec codec() {
        return codec;
    }

    ChatMetrics metrics() {
        return metrics;
    }

    void register(ServerChatSession connection) {
        connections.add(connection);
    }

    void unregister(ServerChatSession connection) {
        connections.remove(connection);
    }

    int size() {
        return connections.size();
    }

    /** Pushes a frame to every connection subscribed to the topic; never waits for a slow client. */
    void broadcast(Topic topic, ServerFrame frame) {
        String text = null;
        for (ServerChatSession c : connections) {
            if (c.subscribed(topic)) {
                if (text == null) {
                    text = codec.write(frame);
                }
                c.push(text);
            }
        }
    }

    void publishService(ServiceInfo service) {
        services.put(service.name(), service);
        broadcast(Topic.SERVICES, new ServerFrame.ServiceUpdate(service));
    }

    /** The last known state of every service, replayed to a new {@code services} subscriber. */
    List<ServiceInfo> services() {
        return List.copyOf(services.values());
    }

    private void heartbeat() {
        long now = System.nanoTime();
        for (ServerChatSession c : connections) {
            try {
                c.heartbeat(now, heartbeatNanos);
            } catch (RuntimeException e) {
                LOG.warning("Chat heartbeat failed for a connection: " + e);
            }
        }
    }

    /** Starts a check of every authenticated connection's credential (each on its own virtual thread, never two at once). */
    private void recheckCredentials() {
        for (ServerChatSession c : connections) {
            try {
                c.recheckCredential();
            } catch (RuntimeException e) {
                LOG.warning("Chat credential check failed for a connection: " + e);
            }
        }
    }

    private void pushMetrics() {
        try {
            if (connections.stream().anyMatch(c -> c.subscribed(Topic.METRICS))) {
                broadcast(Topic.METRICS, metrics.summary());
            }
        } catch (RuntimeException e) {
            LOG.warning("Chat metrics push failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            nodeSubscription.close();
        } catch (Exception e) {
            LOG.fine("node subscription: " + e);
        }
        connections.forEach(c -> c.end("the gateway is shutting down"));
    }
}
