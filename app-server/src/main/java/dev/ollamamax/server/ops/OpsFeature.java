package dev.ollamamax.server.ops;

import dev.ollamamax.server.GatewayContext;
import dev.ollamamax.server.GatewayFeature;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.auth.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness on every listener; readiness (with the checks registered by other features) and Prometheus
 * metrics on every listener too, so any of them can be scraped.
 */
public final class OpsFeature implements GatewayFeature {

    private final GatewayContext context;
    private final List<ReadinessCheck> checks;

    public OpsFeature(GatewayContext context, List<ReadinessCheck> checks) {
        this.context = context;
        this.checks = List.copyOf(checks);
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        routing.addFilter(new RequestMetrics(context.meters(), listener));
        routing.get("/health", (req, res) -> health(listener, res))
                .get("/health/ready", this::ready)
                .get("/metrics", this::metrics);
    }

    private void health(Listener listener, ServerResponse res) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("listener", listener.wireName());
        send(res, Status.OK_200, body);
    }

    /**
     * Readiness: every check's state for anyone (load balancers, probes); the messages, which can name
     * database and Redis addresses, only for an admin's credential (or with auth off, the local admin).
     */
    private void ready(ServerRequest req, ServerResponse res) throws Exception {
        boolean details = Principal.of(req).map(Principal::isAdmin).orElse(false);
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ready = true;
        boolean degraded = false;
        for (ReadinessCheck check : checks) {
            ReadinessCheck.Result r = check.check();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", r.state().name());
            if (details) {
                entry.put("message", r.message());
            }
            results.put(check.name(), entry);
            ready &= r.state() != ReadinessCheck.State.DOWN;
            degraded |= r.state() == ReadinessCheck.State.DEGRADED;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? (degraded ? "DEGRADED" : "UP") : "DOWN");
        body.put("checks", results);
        send(res, ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(context.meters().scrape());
    }

    private void send(ServerResponse res, Status status, Object body) throws Exception {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(context.json().writeValueAsBytes(body));
    }
}
