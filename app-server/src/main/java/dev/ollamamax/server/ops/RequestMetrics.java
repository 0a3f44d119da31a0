package dev.ollamamax.server.ops;

import dev.ollamamax.server.Listener;
import dev.ollamamax.server.http.ErrorResponses;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code ollamamax.http.requests} by route, method, status and listener. Requests
 * no route handled (no such path, or refused by a filter before routing: Host guard, missing credential)
 * share the route label {@code unmatched}, so random paths cannot grow the series.
 */
final class RequestMetrics implements Filter {

    static final String UNMATCHED = "unmatched";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> KNOWN_ROOTS = Set.of("api", "v1", "auth", "health", "metrics", "docs", "chat");

    private final MeterRegistry meters;
    private final Listener listener;
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry meters, Listener listener) {
        this.meters = meters;
        this.listener = listener;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        // read before routing: a service registered under a prefix sees a path relative to it
        String route = route(req.path().path());
        String method = req.prologue().method().text();
        try {
            chain.proceed();
        } finally {
            if (ErrorResponses.unmatched(req) || req.matchingPattern().isEmpty()) {
                route = UNMATCHED;
                method = KNOWN_METHODS.contains(method) ? method : "other";
            }
            timer(route, method, res.status().code()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The timer of one series, built and registered once (route labels are bounded, so is the map). */
    private Timer timer(String route, String method, int status) {
        return timers.computeIfAbsent(new Series(route, method, status), s -> Timer.builder("ollamamax.http.requests")
                .description("HTTP requests served by the gateway, by route, method, status and listener")
                .tag("route", s.route())
                .tag("method", s.method())
                .tag("status", Integer.toString(s.status()))
                .tag("listener", listener.wireName())
                .publishPercentileHistogram()
                .register(meters));
    }

    private record Series(String route, String method, int status) {
    }

    /**
     * A bounded route label: known API paths keep up to three segments; ids and anything unknown are
     * folded so a client cannot create unbounded series.
     */
    static String route(String path) {
        String[] parts = path.split("/");
        if (parts.length < 2 || parts[1].isEmpty()) {
            return "/";
        }
        if (!KNOWN_ROOTS.contains(parts[1])) {
            return "other";
        }
        StringBuilder sb = new StringBuilder();
        int max = Math.min(parts.length, 4);
        for (int i = 1; i < max; i++) {
            String p = parts[i];
            boolean variable = i >= 2 && (p.chars().anyMatch(Character::isDigit) || p.contains(":"))
                    && !p.equals("v1");
            sb.append('/').append(variable ? "{id}" : p);
        }
        return sb.toString();
    }
}
