package dev.ollamamax.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.nodes.ModelNames;
import dev.ollamamax.server.nodes.NodeNeed;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.store.ResponseCache;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whole answers of non-streamed generations, from the response cache when {@code CACHE_RESPONSES=true} and
 * the request is deterministic ({@code temperature} 0 or a {@code seed}) and not pinned to a node, else from
 * a node (and then kept for {@code RESPONSE_CACHE_TTL_SECONDS}). The key is the whole request body as the
 * client sent it (keys sorted), the endpoint and the user: answers are never shared between users. Cacheable
 * requests are marked {@code x-ollamamax-cache: hit} or {@code miss} and counted as
 * {@code ollamamax.cache.requests{result}}; a hit counts in usage as {@code cached}.
 */
public final class AnswerCache {

    public static final String HEADER = "x-ollamamax-cache";

    private final ResponseCache cache;
    private final ObjectMapper json;
    private final Counter hits;
    private final Counter misses;

    public AnswerCache(ResponseCache cache, ObjectMapper json, MeterRegistry meters) {
        this.cache = cache;
        this.json = json;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("ollamamax.cache.requests").tag("result", result)
                .description("Deterministic non-streamed requests looked up in the response cache, by result")
                .register(meters);
    }

    /**
     * The answer to {@code clientBody} (as the client sent it to {@code endpoint}), from the cache or from the
     * node request {@code nodePath} with {@code forward}; sets the cache header on {@code res} when cacheable.
     */
    public WholeAnswer fetch(ServerRequest req, ServerResponse res, Upstream upstream, String endpoint, JsonNode clientBody,
                             String model, String nodePath, byte[] forward, Optional<String> pinnedNode) throws Exception {
        return fetch(req, res, upstream, endpoint, clientBody, model, nodePath, forward, pinnedNode, NodeNeed.NONE);
    }

    /** {@link #fetch(ServerRequest, ServerResponse, Upstream, String, JsonNode, String, String, byte[], Optional)} on nodes that meet {@code need}. */
    public WholeAnswer fetch(ServerRequest req, ServerResponse res, Upstream upstream, String endpoint, JsonNode clientBody,
                             String model, String nodePath, byte[] forward, Optional<String> pinnedNode, NodeNeed need)
            throws Exception {
        Optional<String> key = key(req, endpoint, clientBody, pinnedNode);
        if (key.isPresent()) {
            Optional<String> stored = cache.get(key.get());
            if (stored.isPresent()) {
                int nl = stored.get().indexOf('\n');
                hits.increment();
                res.header(HeaderNames.create(HEADER), "hit");
                UsageTicket.cached(req, model);
                return new WholeAnswer(stored.get().substring(nl + 1).getBytes(StandardCharsets.UTF_8),
                        stored.get().substring(0, nl), true);
            }
            misses.increment();
            res.header(HeaderNames.create(HEADER), "miss");
        }
        UpstreamCall call = UsageTicket.open(req, upstream, model, nodePath, forward, pinnedNode, need);
        byte[] line;
        try (call) {
            line = call.nextLine();
        }
        JsonNode answer = json.readTree(line);
        upstream.recordUsage(call, model, answer);
        if (key.isPresent() && answer.path("done").asBoolean(false) && !answer.hasNonNull("error")) {
            cache.put(ModelNames.normalize(model), key.get(),
                    call.node().id() + "\n" + new String(line, StandardCharsets.UTF_8));
        }
        return new WholeAnswer(line, call.node().id(), false);
    }

    /** Drops the cached answers of a model deleted, pulled again or overwritten through the gateway. */
    public void invalidate(String model) {
        cache.invalidate(ModelNames.normalize(model));
    }

    private Optional<String> key(ServerRequest req, String endpoint, JsonNode body, Optional<String> pinnedNode) {
        if (!cache.enabled() || pinnedNode.isPresent() || !ResponseCache.isDeterministic(body)) {
            return Optional.empty();
        }
        return Principal.of(req).map(p -> ResponseCache.key("user:" + p.userId(), endpoint, body));
    }
}
