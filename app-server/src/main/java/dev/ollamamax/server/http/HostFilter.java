package dev.ollamamax.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * The first filter on every listener: a request whose {@code Host} the {@link HostPolicy} refuses gets a 403
 * in its protocol naming {@code ALLOWED_HOSTS}, before any route, CORS or credential check. WebSocket
 * upgrades with such a Host are refused by {@link HostCheckedListener} and then land here too.
 */
public final class HostFilter implements Filter {

    private final HostPolicy policy;
    private final ObjectMapper json;
    private final Counter refused;

    public HostFilter(HostPolicy policy, ObjectMapper json, MeterRegistry meters) {
        this.policy = policy;
        this.json = json;
        this.refused = Counter.builder("ollamamax.http.host.refused")
                .description("Requests refused because their Host is not served (DNS-rebinding guard)").register(meters);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> why = policy.refusal(req.headers().first(HeaderNames.HOST));
        if (why.isPresent()) {
            refused.increment();
            ErrorResponses.send(json, req, res, new GatewayException(ErrorKind.FORBIDDEN, why.get()));
            return;
        }
        chain.proceed();
    }
}
