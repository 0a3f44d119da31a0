package dev.ollamamax.server.chat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.nodes.NodeRegistry;
import dev.ollamamax.server.nodes.NodeSnapshot;
import dev.ollamamax.server.nodes.NodeStatus;
import dev.ollamamax.shared.protocol.ServerFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat meters ({@code ollamamax.ws.connections{listener}}, {@code ollamamax.ws.generations{outcome}})
 * and the {@code metrics_update} summary, read back from the meter registry.
 */
final class ChatMetrics {

    enum Outcome {
        DONE, CANCELLED, ERROR;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry meters;
    private final NodeRegistry nodes;
    private final Clock clock;
    private final Map<Listener, AtomicInteger> connections = new EnumMap<>(Listener.class);
    private final Map<Outcome, Counter> generations = new EnumMap<>(Outcome.class);

    ChatMetrics(MeterRegistry meters, NodeRegistry nodes, Clock clock) {
        this.meters = meters;
        this.nodes = nodes;
        this.clock = clock;
        for (Listener l : Listener.values()) {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("ollamamax.ws.connections", count, AtomicInteger::get)
                    .description("Open WebSocket chat connections").tag("listener", l.wireName()).register(meters);
            connections.put(l, count);
        }
        for (Outcome o : Outcome.values()) {
            generations.put(o, Counter.builder("ollamamax.ws.generations").description("Chat generations by outcome")
                    .tag("outcome", o.tag()).register(meters));
        }
    }

    void opened(Listener listener) {
        connections.get(listener).incrementAndGet();
    }

    void closed(Listener listener) {
        connections.get(listener).decrementAndGet();
    }

    void generation(Outcome outcome) {
        generations.get(outcome).increment();
    }

    /** The periodic summary, every figure read from the meter registry (nodes from the node registry). */
    ServerFrame.MetricsUpdate summary() {
        Map<String, Long> ws = new LinkedHashMap<>();
        meters.find("ollamamax.ws.connections").gauges()
                .forEach(g -> ws.put(g.getId().getTag("listener"), (long) g.value()));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        meters.find("ollamamax.ws.generations").counters()
                .forEach(c -> outcomes.put(c.getId().getTag("outcome"), (long) c.count()));
        double inFlight = meters.find("ollamamax.streams.in_flight").gauges().stream().mapToDouble(Gauge::value).sum();
        long ttftCount = 0;
        double ttftTotalMs = 0;
        for (Timer t : meters.find("ollamamax.upstream.ttft").timers()) {
            ttftCount += t.count();
            ttftTotalMs += t.totalTime(TimeUnit.MILLISECONDS);
        }
        List<NodeSnapshot> all = nodes.snapshots();
        int up = (int) all.stream().filter(n -> n.status() == NodeStatus.UP && !n.draining()).count();
        return new ServerFrame.MetricsUpdate(clock.millis(), ws, (long) inFlight, outcomes,
                sum("ollamamax.tokens.prompt"), sum("ollamamax.tokens.generated"), ttftCount,
                ttftCount == 0 ? null : ttftTotalMs / ttftCount, up, all.size());
    }

    private long sum(String counter) {
        return (long) meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }
}
