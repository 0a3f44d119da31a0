package dev.ollamamax.server.chat;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.ops.OpsFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A real gateway on ephemeral ports in front of in-test Ollama nodes, for the chat tests. */
final class ChatGateway implements AutoCloseable {

    final Gateway gateway;

    private ChatGateway(Gateway gateway) {
        this.gateway = gateway;
        gateway.feature(NodesFeature.class).orElseThrow().prober().probeAll();
    }

    static Config.Builder config(Path home, FakeOllama... nodes) {
        return Config.builder()
                .set(Setting.PORT, "0").set(Setting.WS_PORT, "0").set(Setting.FALLBACK_PORT, "0")
                .set(Setting.OLLAMA_NODES, String.join(",", java.util.Arrays.stream(nodes).map(n -> n.url().toString()).toList()))
                .set(Setting.ENABLE_LOCAL_OLLAMA, "false")
                .set(Setting.AUTH_ENABLED, "false")
                .set(Setting.OLLAMAMAX_HOME, home.toString())
                .set(Setting.DATABASE_URL, dev.ollamamax.server.testing.SharedStores.get().jdbcUrl())
                .set(Setting.REDIS_URL, dev.ollamamax.server.testing.SharedStores.get().redisUrl())
                .set(Setting.CLUSTER_ID, java.util.UUID.randomUUID().toString());
    }

    /** The standard gateway (as {@code serve} runs it). */
    static ChatGateway start(Path home, UnaryOperator<Config.Builder> extra, FakeOllama... nodes) {
        return new ChatGateway(Gateway.create(extra.apply(config(home, nodes)).build()).startAll());
    }

    /** A gateway whose chat uses the given authentication and conversation sink. */
    static ChatGateway withChat(Path home, ChatAuth auth, ConversationSink sink, FakeOllama... nodes) {
        return withChat(home, UnaryOperator.identity(), auth, sink, nodes);
    }

    /** Like {@link #withChat(Path, ChatAuth, ConversationSink, FakeOllama...)} with extra settings. */
    static ChatGateway withChat(Path home, UnaryOperator<Config.Builder> extra, ChatAuth auth, ConversationSink sink,
                                FakeOllama... nodes) {
        Config config = extra.apply(config(home, nodes)).build();
        return new ChatGateway(Gateway.create(config, ctx -> {
            NodesFeature n = new NodesFeature(ctx);
            List<GatewayFeature> features = List.of(new OpsFeature(ctx, List.of()), n, new ChatFeature(ctx, n, auth, sink));
            return features;
        }).startAll());
    }

    dev.ollamamax.server.Gateway gateway() {
        return gateway;
    }

    int port(Listener listener) {
        return gateway.port(listener).orElseThrow();
    }

    TestWs connect(Listener listener) {
        return TestWs.connect(port(listener));
    }

    TestWs connect(Listener listener, String query, Map<String, String> headers) {
        return TestWs.connect(java.net.URI.create("ws://127.0.0.1:" + port(listener) + "/chat" + query), headers);
    }

    ChatFeature chat() {
        return gateway.feature(ChatFeature.class).orElseThrow();
    }

    NodesFeature nodes() {
        return gateway.feature(NodesFeature.class).orElseThrow();
    }

    double gauge(String name, String tag, String value) {
        var g = gateway.context().meters().find(name).tag(tag, value).gauge();
        return g == null ? Double.NaN : g.value();
    }

    double counter(String name, String tag, String value) {
        var c = gateway.context().meters().find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
