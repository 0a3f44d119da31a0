package dev.ollamamax.server.chat;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.http.HostCheckedListener;
import dev.ollamamax.server.http.HostPolicy;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.usage.UsageSink;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.protocol.FrameCodec;
import dev.ollamamax.shared.protocol.ServiceInfo;
import io.helidon.webserver.websocket.WsRouting;
import java.time.Duration;
import java.util.Optional;

/**
 * WebSocket chat at {@code /chat} on the primary, WebSocket-server and fallback listeners: one chat
 * service (one hub, one set of generations) behind all three; {@code hello} tells the client which
 * listener it reached. Other code pushes service changes to subscribers with {@link #publishService}.
 */
public final class ChatFeature implements GatewayFeature {

    /** The version {@code hello} reports. */
    public static final String VERSION = dev.ollamamax.server.GatewayVersion.VALUE;

    private final ChatRuntime runtime;
    private final HostPolicy hostPolicy;

    /** Chat with the authentication the configuration asks for and no conversation store. */
    public ChatFeature(GatewayContext context, NodesFeature nodes) {
        this(context, nodes, defaultAuth(context.config()), ConversationSink.none(), UsageSink.none());
    }

    public ChatFeature(GatewayContext context, NodesFeature nodes, ChatAuth auth, ConversationSink sink) {
        this(context, nodes, auth, sink, UsageSink.none());
    }

    public ChatFeature(GatewayContext context, NodesFeature nodes, ChatAuth auth, ConversationSink sink, UsageSink usage) {
        Config config = context.config();
        this.hostPolicy = HostPolicy.of(config);
        FrameCodec codec = new FrameCodec();
        ChatMetrics metrics = new ChatMetrics(context.meters(), nodes.registry(), context.clock());
        ChatLimits limits = ChatLimits.of(config);
        ChatHub hub = new ChatHub(codec, metrics, nodes.registry(),
                Duration.ofMillis(config.getLong(Setting.WS_HEARTBEAT_MS)),
                Duration.ofMillis(config.getLong(Setting.WS_METRICS_INTERVAL_MS)), limits.authRecheck());
        this.runtime = new ChatRuntime(hub, nodes.registry(), nodes.upstream(), nodes.aliases(), auth, sink, usage, context.json(),
                config.getLong(Setting.WS_MAX_FRAME_BYTES), VERSION, limits, new GenerationPermits(limits.maxGenerationsPerUser()));
    }

    /**
     * No authentication when {@code AUTH_ENABLED=false}; otherwise every token is refused until the
     * gateway's authenticator is passed to the other constructor.
     */
    static ChatAuth defaultAuth(Config config) {
        return config.getBoolean(Setting.AUTH_ENABLED) ? ChatAuth.refuseAll() : ChatAuth.none();
    }

    /**
     * The WebSocket transport's own frame limit: larger than {@code WS_MAX_FRAME_BYTES} so that a frame
     * over our limit is read, answered {@code too_large}, and the connection kept. Only a frame over this
     * (8 × the limit) makes the server close the connection (close code 1009, "message too big").
     */
    public static int transportFrameLimit(Config config) {
        return (int) Math.min(Integer.MAX_VALUE - 1024, 8 * config.getLong(Setting.WS_MAX_FRAME_BYTES));
    }

    @Override
    public void websocket(Listener listener, WsRouting.Builder routing) {
        routing.endpoint("/chat", () -> new HostCheckedListener(hostPolicy, new ServerChatSession(runtime, listener)));
    }

    /** Pushes a {@code service_update} to {@code services} subscribers (and to later ones, as the last state). */
    public void publishService(String name, int port, String status, Optional<String> holder) {
        runtime.hub().publishService(new ServiceInfo(name, port, status, holder.orElse(null)));
    }

    /** Open chat connections on all listeners. */
    public int connections() {
        return runtime.hub().size();
    }

    @Override
    public void close() {
        runtime.hub().close();
    }
}
