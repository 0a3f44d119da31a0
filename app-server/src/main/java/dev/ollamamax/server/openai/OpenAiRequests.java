package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.auth.ModelAccess;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.http.ModelHeader;
import dev.ollamamax.server.nodes.ModelAliases;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Typed access to OpenAI request fields (a wrong type is a 400 naming the field) and the translation
 * of the sampling parameters chat and completions share into Ollama's {@code options}.
 */
final class OpenAiRequests {

    private OpenAiRequests() {
    }

    static String model(ObjectNode body) {
        return JsonBodies.requireText(body, "model");
    }

    /**
     * The model the request goes to: the key's access is checked on the name asked for, an alias is
     * resolved to the first of its models some healthy node serves, the body's {@code model} is replaced
     * with it (so the cache keys on what answered) and {@code X-OllamaMax-Model} names it.
     */
    static String resolve(ServerRequest req, ServerResponse res, ObjectNode body, ModelAliases aliases) {
        String requested = model(body);
        ModelAccess.require(req, requested);
        ModelAliases.Resolution resolution = aliases.resolve(requested);
        ModelHeader.set(res, resolution);
        body.put("model", resolution.model());
        return resolution.model();
    }

    /** The field when it is present and not JSON null. */
    static Optional<JsonNode> present(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    static Optional<JsonNode> number(JsonNode body, String field) {
        return present(body, field).map(v -> {
            if (!v.isNumber()) {
                throw GatewayException.badRequest("The field '" + field + "' must be a number", field);
            }
            return v;
        });
    }

    static Optional<Long> integer(JsonNode body, String field) {
        return present(body, field).map(v -> {
            if (!v.isNumber() || !(v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble()))) {
                throw GatewayException.badRequest("The field '" + field + "' must be an integer", field);
            }
            return v.asLong();
        });
    }

    static boolean bool(JsonNode body, String field, boolean otherwise) {
        return present(body, field).map(v -> {
            if (!v.isBoolean()) {
                throw GatewayException.badRequest("The field '" + field + "' must be true or false", field);
            }
            return v.asBoolean();
        }).orElse(otherwise);
    }

    static boolean stream(ObjectNode body) {
        return bool(body, "stream", false);
    }

    /** {@code stream_options.include_usage}: whether a stream ends with a usage chunk. */
    static boolean includeUsage(ObjectNode body) {
        return present(body, "stream_options").map(o -> {
            if (!o.isObject()) {
                throw GatewayException.badRequest("The field 'stream_options' must be an object", "stream_options");
            }
            return bool(o, "include_usage", false);
        }).orElse(false);
    }

    /** OllamaMax answers with one choice: {@code n} above 1 is refused rather than ignored. */
    static void singleChoice(ObjectNode body) {
        integer(body, "n").ifPresent(n -> {
            if (n < 1) {
                throw GatewayException.badRequest("The field 'n' must be at least 1", "n");
            }
            if (n > 1) {
                throw GatewayException.badRequest("n > 1 is not supported: OllamaMax returns one choice per request", "n");
            }
        });
    }

    /** Refuses a feature the nodes cannot provide, when the client asks for it. */
    static void unsupportedWhenSet(ObjectNode body, String field, String what) {
        present(body, field).ifPresent(v -> {
            if (!(v.isBoolean() && !v.asBoolean())) {
                throw GatewayException.badRequest(what + " is not supported by OllamaMax", field);
            }
        });
    }

    /**
     * Ollama {@code options} from temperature, top_p, seed, stop, the penalties and the first present
     * of {@code maxTokenFields} (as {@code num_predict}).
     */
    static ObjectNode options(ObjectNode body, ObjectNode options, String... maxTokenFields) {
        number(body, "temperature").ifPresent(v -> options.set("temperature", v));
        number(body, "top_p").ifPresent(v -> options.set("top_p", v));
        number(body, "frequency_penalty").ifPresent(v -> options.set("frequency_penalty", v));
        number(body, "presence_penalty").ifPresent(v -> options.set("presence_penalty", v));
        integer(body, "seed").ifPresent(v -> options.put("seed", v));
        for (String field : maxTokenFields) {
            Optional<Long> max = integer(body, field);
            if (max.isPresent()) {
                if (max.get() < 1) {
                    throw GatewayException.badRequest("The field '" + field + "' must be at least 1", field);
                }
                options.put("num_predict", max.get());
                break;
            }
        }
        present(body, "stop").ifPresent(stop -> options.set("stop", stops(options.arrayNode(), stop)));
        return options;
    }

    private static ArrayNode stops(ArrayNode out, JsonNode stop) {
        if (stop.isTextual()) {
            return out.add(stop.asText());
        }
        if (!stop.isArray()) {
            throw GatewayException.badRequest("The field 'stop' must be a string or an array of strings", "stop");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw GatewayException.badRequest("The field 'stop' must be a string or an array of strings", "stop");
            }
            out.add(s.asText());
        }
        return out;
    }
}
