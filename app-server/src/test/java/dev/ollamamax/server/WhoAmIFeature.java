package dev.ollamamax.server;

import dev.ollamamax.server.auth.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.util.Map;

/** A test route under /v1 and /api on every listener that answers who the auth filter says the caller is. */
public final class WhoAmIFeature implements GatewayFeature {

    private final GatewayContext context;

    public WhoAmIFeature(GatewayContext context) {
        this.context = context;
    }

    @Override
    public void http(Listener listener, HttpRouting.Builder routing) {
        for (String path : new String[] {"/v1/whoami", "/api/whoami"}) {
            routing.get(path, (req, res) -> {
                Map<String, Object> body = Principal.of(req)
                        .<Map<String, Object>>map(p -> Map.of("user", p.username(), "role", p.role(),
                                "api_key", p.apiKeyId().isPresent(), "listener", listener.wireName()))
                        .orElse(Map.of("user", "", "listener", listener.wireName()));
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(context.json().writeValueAsBytes(body));
            });
        }
    }
}
