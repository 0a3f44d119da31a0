package dev.ollamamax.server.usage;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageEvent.Outcome;
import dev.ollamamax.shared.protocol.Usage;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Reports every generation and embedding request on {@code /v1} and {@code /api} to the usage sink once its
 * route has returned (a stream has then been relayed to its end): the outcome is the exception or error
 * status, else {@code cached}, else from the node call: failed mid-answer ({@code error}), its final line
 * seen ({@code ok}), or neither (the client went away: {@code cancelled}). Requests that never named a
 * model (unreadable bodies) or have no user (auth off while the database is down) are not reported.
 */
final class UsageFilter implements Filter {

    static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses",
            "/api/chat", "/api/generate", "/api/embed", "/api/embeddings");

    private final UsageSink sink;
    private final Listener listener;
    private final Clock clock;

    UsageFilter(UsageSink sink, Listener listener, Clock clock) {
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!ENDPOINTS.contains(path) || !req.prologue().method().equals(Method.POST)) {
            chain.proceed();
            return;
        }
        UsageTicket ticket = new UsageTicket();
        req.context().register(ticket);
        long start = System.nanoTime();
        Optional<String> thrown = Optional.empty();
        try {
            chain.proceed();
        } catch (GatewayException e) {
            thrown = Optional.of(e.kind().code());
            throw e;
        } catch (RuntimeException e) {
            thrown = Optional.of("internal");
            throw e;
        } finally {
            Optional<Principal> who = Principal.of(req);
            if (ticket.model().isPresent() && who.isPresent()) {
                report(path, ticket, who.get(), thrown, res.status().code(), System.nanoTime() - start);
            }
        }
    }

    private void report(String path, UsageTicket ticket, Principal who, Optional<String> thrown, int status,
                        long nanos) {
        Optional<UpstreamCall> call = ticket.call();
        Usage tokens = call.flatMap(UpstreamCall::tokens).orElse(new Usage(0, 0));
        Optional<String> errorKind = thrown.or(() -> status >= 400 ? Optional.of(kindOf(status)) : Optional.empty());
        Outcome outcome;
        if (errorKind.isPresent()) {
            outcome = Outcome.ERROR;
        } else if (ticket.isCached()) {
            outcome = Outcome.CACHED;
        } else if (call.isPresent() && call.get().hasFailed()) {
            outcome = Outcome.ERROR;
            errorKind = Optional.of("upstream_error");
        } else if (call.isPresent() && call.get().tokens().isEmpty()) {
            outcome = Outcome.CANCELLED;
        } else {
            outcome = Outcome.OK;
        }
        sink.record(new UsageEvent(clock.instant(), who.userId(), who.apiKeyId(), path, ticket.model().orElseThrow(),
                call.map(c -> c.node().id()).orElse(""), listener.wireName(), tokens.promptTokens(),
                tokens.completionTokens(), call.map(c -> c.timeToFirstToken().toMillis()), nanos / 1_000_000,
                outcome, errorKind));
    }

    static String kindOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "model_not_found";
            case 413 -> "too_large";
            case 429 -> "rate_limited";
            case 502 -> "upstream_error";
            case 503 -> "no_healthy_node";
            default -> "http_" + status;
        };
    }
}
