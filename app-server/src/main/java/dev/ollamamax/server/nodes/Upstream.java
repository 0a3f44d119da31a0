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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens generation requests on the best node for a model. The request moves to the next candidate only
 * when the node cannot have processed it: nothing of it reached the node (refused, unreachable), or the
 * node answered with a status that refuses it (404 for a model its tags still listed, 5xx) before any
 * byte of a body. A node that takes the request and then fails (cut, stalls, breaks a limit, sends an
 * error line) may have processed it: the client gets the error and the request is not sent again.
 */
public final class Upstream implements AutoCloseable {

    private final NodeRegistry registry;
    private final NodeClient client;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Duration idleTimeout;
    private final Duration firstByteTimeout;
    private final Set<UpstreamCall> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams;
    // meters are never removed from the registry, so each is built and registered once
    private final Map<String, Timer> ttft = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Counter> promptTokens = new ConcurrentHashMap<>();
    private final Map<String, Counter> generatedTokens = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    public Upstream(NodeRegistry registry, NodeClient client, ObjectMapper json, MeterRegistry meters, Duration idleTimeout) {
        this.registry = registry;
        this.client = client;
        this.json = json;
        this.meters = meters;
        this.idleTimeout = idleTimeout;
        // headers of a non-streamed answer arrive only when the whole answer is done, and loading a model takes time
        this.firstByteTimeout = client.limits().firstByteTimeout();
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
        return open(model, path, body, pinnedNode, NodeNeed.NONE);
    }

    /** {@link #open(String, String, byte[], Optional)} on the nodes that meet {@code need} only. */
    public UpstreamCall open(String model, String path, byte[] body, Optional<String> pinnedNode, NodeNeed need) {
        List<Node> all = pinnedNode.map(this::pinned).orElseGet(() -> registry.candidates(model));
        if (all.isEmpty()) {
            throw noCandidate(model);
        }
        List<Node> candidates = all.stream().filter(need::satisfiedBy).toList();
        if (candidates.isEmpty()) {
            throw need.refusal(model, all);
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
            if (!attempt.retryable()) {
                throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Node " + node.id() + " failed after it was sent the request"
                        + " (not retried elsewhere: it may have been processed): " + attempt.error());
            }
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

    private record Attempt(UpstreamCall call, String error, boolean missingModel, boolean unreachable, boolean retryable) {
        /** The node refused the request before processing it: another node may take it. */
        static Attempt refused(String error, boolean missingModel, boolean unreachable) {
            return new Attempt(null, error, missingModel, unreachable, true);
        }

        /** The node had the request and failed: it must not be sent elsewhere. */
        static Attempt failedAfterSending(String error) {
            return new Attempt(null, error, false, false, false);
        }
    }

    private Attempt attempt(Node node, String path, byte[] body) {
        long start = System.nanoTime();
        node.acquire();
        boolean handedOver = false;
        try {
            NodeResponse<InputStream> res = client.send(node.url(), "POST", path, body, firstByteTimeout);
            int status = res.statusCode();
            if (status != 200) {
                String message = errorMessage(res);
                res.body().close();
                if (status == 404) {
                    return Attempt.refused(message, true, false);
                }
                if (status == 503) {
                    return Attempt.refused("busy: " + message, false, true);
                }
                if (status >= 500) {
                    registry.markFailed(node, "HTTP " + status + ": " + message);
                    return Attempt.refused("HTTP " + status + ": " + message, false, false);
                }
                if (status >= 300 && status < 400) {
                    registry.markFailed(node, "answered with a redirect (HTTP " + status + "), which is not followed");
                    return Attempt.refused("answered with a redirect (HTTP " + status + "), which is not followed", false, false);
                }
                throw new UpstreamStatusException(status, message);
            }
            LineReader lines = new LineReader(res.body(), client.limits().maxLineBytes());
            byte[] first = lines.next();
            if (first == null) {
                res.body().close();
                registry.markFailed(node, "closed the connection before the first token");
                return Attempt.failedAfterSending("closed the connection before the first token");
            }
            Optional<String> error = errorOf(first);
            if (error.isPresent()) {
                res.body().close();
                return Attempt.failedAfterSending(error.get());
            }
            UpstreamCall call = new UpstreamCall(node, res.body(), lines, first, start, this::closed, registry::markFailed);
            open.add(call);
            streams.incrementAndGet();
            ttft.computeIfAbsent(node.id(), id -> Timer.builder("ollamamax.upstream.ttft").tag("node", id)
                    .description("Time from sending a request to a node until its first token")
                    .publishPercentileHistogram().register(meters)).record(call.timeToFirstToken());
            handedOver = true;
            return new Attempt(call, null, false, false, false);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the gateway stopped this request (its listener is stopping): nothing is wrong with the node
                throw new GatewayException(ErrorKind.UNAVAILABLE, "The request was stopped by the gateway");
            }
            String why = NodeProber.describe(e);
            registry.markFailed(node, why);
            if (e instanceof NotSentException) {
                return Attempt.refused(why, false, true);
            }
            return Attempt.failedAfterSending(why);
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
            String outcome = call.hasFailed() ? "error" : "ok";
            latency.computeIfAbsent(call.node().id() + '\n' + outcome, key -> Timer.builder("ollamamax.upstream.latency")
                    .tag("node", call.node().id())
                    .description("Duration of a call to a node, from request to the end of its answer")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram().register(meters)).record(call.elapsed());
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
        String key = node.id() + '\n' + model;
        promptTokens.computeIfAbsent(key, k -> Counter.builder("ollamamax.tokens.prompt").tag("node", node.id()).tag("model", model)
                .description("Prompt tokens evaluated by nodes (prompt_eval_count)").register(meters)).increment(prompt);
        generatedTokens.computeIfAbsent(key, k -> Counter.builder("ollamamax.tokens.generated").tag("node", node.id()).tag("model", model)
                .description("Tokens generated by nodes (eval_count)").register(meters)).increment(completion);
    }

    private Optional<String> errorOf(byte[] line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.hasNonNull("error") ? Optional.of(NodeErrorText.clip(node.path("error").asText())) : Optional.empty();
        } catch (IOException e) {
            return Optional.of("sent something that is not JSON");
        }
    }

    /** The node's error answer in words a client may see ({@link NodeErrorText}). */
    private String errorMessage(NodeResponse<InputStream> res) {
        try (InputStream in = res.body()) {
            return NodeErrorText.of(json, res.statusCode(), in.readNBytes(64 * 1024));
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
