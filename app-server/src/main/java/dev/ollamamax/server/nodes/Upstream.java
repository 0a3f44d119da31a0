package dev.ollamamax.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens generation requests on the best node for a model. A node that fails before its first line
 * (refused, cut, 5xx, an error line, a 404 for a model its tags still listed) is skipped and the request
 * is sent to the next candidate; once a first line has arrived the call is the caller's.
 */
public final class Upstream implements AutoCloseable {

    /** Headers of a non-streamed answer arrive only when the whole answer is done, and loading a model takes time. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(10);

    private final NodeRegistry registry;
    private final NodeClient client;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Duration idleTimeout;
    private final Set<UpstreamCall> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams;
    private final ScheduledExecutorService watchdog;

    public Upstream(NodeRegistry registry, NodeClient client, ObjectMapper json, MeterRegistry meters, Duration idleTimeout) {
        this.registry = registry;
        this.client = client;
        this.json = json;
        this.meters = meters;
        this.idleTimeout = idleTimeout;
        this.streams = new AtomicInteger();
        Gauge.builder("ollamamax.streams.in_flight", streams, AtomicInteger::get)
                .description("Answers being streamed from a node right now").register(meters);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("upstream-idle").factory());
        watchdog.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Sends {@code body} to {@code path} on the best node for {@code model} (or on the pinned node) and
     * returns once a first good line has arrived.
     */
    public UpstreamCall open(String model, String path, byte[] body, Optional<String> pinnedNode) {
        List<Node> candidates = pinnedNode.map(this::pinned).orElseGet(() -> registry.candidates(model));
        if (candidates.isEmpty()) {
            throw noCandidate(model);
        }
        List<String> failures = new ArrayList<>();
        boolean allMissing = true;
        boolean allUnreachable = true;
        for (Node node : candidates) {
            Attempt attempt = attempt(node, path, body);
            if (attempt.call() != null) {
                return attempt.call();
            }
            failures.add(node.id() + ": " + attempt.error());
            allMissing &= attempt.missingModel();
            allUnreachable &= attempt.unreachable();
            Counter.builder("ollamamax.upstream.retries").tag("node", node.id())
                    .description("Requests moved to another node before their first byte, by the node that failed")
                    .register(meters).increment();
        }
        if (allMissing) {
            throw GatewayException.modelNotFound(model);
        }
        String detail = String.join("; ", failures);
        if (allUnreachable) {
            throw new GatewayException(ErrorKind.NO_HEALTHY_NODE, "No node could take the request for '" + model + "': " + detail);
        }
        throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Every node that has '" + model + "' failed: " + detail);
    }

    /**
     * Sends a request to one given node with no retry (pull, which is about that node), returning once
     * its first line has arrived; an error before that is thrown as a {@link GatewayException}.
     */
    public UpstreamCall openOn(Node node, String path, byte[] body) {
        Attempt attempt = attempt(node, path, body);
        if (attempt.call() != null) {
            return attempt.call();
        }
        throw new GatewayException(attempt.missingModel() ? ErrorKind.NOT_FOUND : ErrorKind.UPSTREAM_ERROR,
                "Node " + node.id() + ": " + attempt.error());
    }

    private List<Node> pinned(String nodeId) {
        Node node = registry.get(nodeId).orElseThrow(() -> GatewayException.badRequest("There is no node '" + nodeId + "'", "node"));
        if (!node.routable(registry.clock().instant())) {
            throw new GatewayException(ErrorKind.NO_HEALTHY_NODE, "Node '" + nodeId + "' is " +
                    (node.draining() ? "draining" : "down") + " and takes no requests");
        }
        return List.of(node);
    }

    private GatewayException noCandidate(String model) {
        if (!registry.anyRoutable()) {
            String why = registry.all().isEmpty() ? "no Ollama node is configured"
                    : "every node is down or draining";
            return new GatewayException(ErrorKind.NO_HEALTHY_NODE, "No healthy Ollama node: " + why);
        }
        List<String> unavailable = registry.all().stream().filter(n -> n.hasModel(model))
                .map(n -> n.id() + (n.draining() ? " (draining)" : " (down)")).toList();
        if (!unavailable.isEmpty()) {
            return new GatewayException(ErrorKind.NO_HEALTHY_NODE, "The nodes that have '" + model
                    + "' cannot take requests now: " + String.join(", ", unavailable));
        }
        return GatewayException.modelNotFound(model);
    }

    private record Attempt(UpstreamCall call, String error, boolean missingModel, boolean unreachable) {
        static Attempt failed(String error, boolean missingModel, boolean unreachable) {
            return new Attempt(null, error, missingModel, unreachable);
        }
    }

    private Attempt attempt(Node node, String path, byte[] body) {
        long start = System.nanoTime();
        node.acquire();
        boolean handedOver = false;
        try {
            NodeResponse<InputStream> res = client.send(node.url(), "POST", path, body, RESPONSE_TIMEOUT);
            int status = res.statusCode();
            if (status != 200) {
                String message = errorMessage(res);
                res.body().close();
                if (status == 404) {
                    return Attempt.failed(message, true, false);
                }
                if (status == 503) {
                    return Attempt.failed("busy: " + message, false, true);
                }
                if (status >= 500) {
                    registry.markFailed(node, "HTTP " + status + ": " + message);
                    return Attempt.failed("HTTP " + status + ": " + message, false, false);
                }
                throw new UpstreamStatusException(status, message);
            }
            LineReader lines = new LineReader(res.body());
            byte[] first = lines.next();
            if (first == null) {
                res.body().close();
                registry.markFailed(node, "closed the connection before the first token");
                return Attempt.failed("closed the connection before the first token", false, false);
            }
            Optional<String> error = errorOf(first);
            if (error.isPresent()) {
                res.body().close();
                return Attempt.failed(error.get(), false, false);
            }
            UpstreamCall call = new UpstreamCall(node, res.body(), lines, first, start, this::closed);
            open.add(call);
            streams.incrementAndGet();
            Timer.builder("ollamamax.upstream.ttft").tag("node", node.id())
                    .description("Time from sending a request to a node until its first token")
                    .publishPercentileHistogram().register(meters).record(call.timeToFirstToken());
            handedOver = true;
            return new Attempt(call, null, false, false);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the gateway stopped this request (its listener is stopping): nothing is wrong with the node
                throw new GatewayException(ErrorKind.UNAVAILABLE, "The request was stopped by the gateway");
            }
            String why = NodeProber.describe(e);
            registry.markFailed(node, why);
            return Attempt.failed(why, false, e instanceof java.net.ConnectException);
        } finally {
            if (!handedOver) {
                node.release();
            }
        }
    }

    private void closed(UpstreamCall call) {
        if (open.remove(call)) {
            streams.decrementAndGet();
            call.node().release();
            Timer.builder("ollamamax.upstream.latency").tag("node", call.node().id())
                    .description("Duration of a call to a node, from request to the end of its answer")
                    .tag("outcome", call.hasFailed() ? "error" : "ok")
                    .publishPercentileHistogram().register(meters).record(call.elapsed());
        }
    }

    /**
     * Counts the tokens of a finished answer from its final line ({@code prompt_eval_count}, {@code eval_count})
     * and keeps them on the call, where usage accounting reads them.
     */
    public void recordUsage(UpstreamCall call, String model, JsonNode finalLine) {
        long prompt = finalLine.path("prompt_eval_count").asLong(0);
        long completion = finalLine.path("eval_count").asLong(0);
        call.counted(new dev.ollamamax.shared.protocol.Usage(prompt, completion));
        Node node = call.node();
        Counter.builder("ollamamax.tokens.prompt").tag("node", node.id()).tag("model", model)
                .description("Prompt tokens evaluated by nodes (prompt_eval_count)").register(meters).increment(prompt);
        Counter.builder("ollamamax.tokens.generated").tag("node", node.id()).tag("model", model)
                .description("Tokens generated by nodes (eval_count)").register(meters).increment(completion);
    }

    private Optional<String> errorOf(byte[] line) {
        try {
            JsonNode node = json.readTree(line);
            return node.hasNonNull("error") ? Optional.of(node.path("error").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.of("sent something that is not JSON");
        }
    }

    private String errorMessage(NodeResponse<InputStream> res) {
        try (InputStream in = res.body()) {
            byte[] bytes = in.readNBytes(64 * 1024);
            JsonNode node = json.readTree(bytes);
            if (node != null && node.hasNonNull("error")) {
                return node.path("error").asText();
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "HTTP " + res.statusCode();
        }
    }

    private void closeIdle() {
        long limit = idleTimeout.toNanos();
        for (UpstreamCall call : open) {
            if (call.idleNanos() > limit) {
                call.failed();
                call.close();
            }
        }
    }

    public NodeClient client() {
        return client;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        open.forEach(UpstreamCall::close);
    }
}
