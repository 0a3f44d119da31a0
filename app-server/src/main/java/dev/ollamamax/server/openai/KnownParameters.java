package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters an endpoint honours. Anything else in a request is refused with a 400 naming it, never
 * dropped: a client that asks for something the nodes cannot do learns so instead of getting an answer
 * made without it. A few OpenAI parameters are accepted only with the value the gateway already
 * delivers ({@code store: false}, {@code parallel_tool_calls: true}); {@code user} (an end-user id for
 * OpenAI's abuse monitoring) is accepted as a string, the gateway knows the caller from its credentials.
 */
final class KnownParameters {

    private final String endpoint;
    private final Set<String> known;

    KnownParameters(String endpoint, Set<String> known) {
        this.endpoint = endpoint;
        this.known = new TreeSet<>(known);
        this.known.add("user");
    }

    void check(ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = body.get(name);
            if (known.contains(name) || value.isNull() || honoured(name, value)) {
                continue;
            }
            throw GatewayException.badRequest("The parameter '" + name + "' is not supported by " + endpoint
                    + " through OllamaMax (refused rather than ignored); supported: " + String.join(", ", known), name);
        }
        OpenAiRequests.present(body, "user").ifPresent(u -> {
            if (!u.isTextual()) {
                throw GatewayException.badRequest("The field 'user' must be a string", "user");
            }
        });
    }

    private static boolean honoured(String name, JsonNode value) {
        return switch (name) {
            case "store" -> value.isBoolean() && !value.asBoolean();
            case "parallel_tool_calls" -> value.isBoolean() && value.asBoolean();
            default -> false;
        };
    }
}
