package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.ModelNames;
import dev.ollamamax.server.nodes.Node;
import dev.ollamamax.server.nodes.NodeRegistry;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} (the models of every routable node, one entry per name) and
 * {@code GET /v1/models/{id}}; ids are Ollama's names ({@code llama3:latest}, {@code user/model:tag}).
 */
final class ModelsRoutes {

    private final ObjectMapper json;
    private final NodeRegistry registry;
    private final ModelAliases aliases;
    private final Clock clock;

    ModelsRoutes(ObjectMapper json, NodeRegistry registry, ModelAliases aliases, Clock clock) {
        this.json = json;
        this.registry = registry;
        this.aliases = aliases;
        this.clock = clock;
    }

    void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = json.createObjectNode();
        out.put("object", "list");
        out.putArray("data").addAll(models().values());
        JsonBodies.send(json, res, 200, out);
    }

    void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        ObjectNode model = models().get(ModelNames.normalize(id));
        if (model == null) {
            throw GatewayException.modelNotFound(id);
        }
        JsonBodies.send(json, res, 200, model);
    }

    /** By normalised name, in node order; 503 when no node can be asked. */
    private Map<String, ObjectNode> models() {
        Instant now = clock.instant();
        List<Node> routable = registry.all().stream().filter(n -> n.routable(now)).toList();
        if (routable.isEmpty()) {
            throw new GatewayException(ErrorKind.NO_HEALTHY_NODE, registry.all().isEmpty()
                    ? "No healthy Ollama node: no Ollama node is configured"
                    : "No healthy Ollama node: every node is down or draining");
        }
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        for (Node node : routable) {
            for (JsonNode m : node.models()) {
                String name = m.path("name").asText(m.path("model").asText(""));
                if (!name.isBlank()) {
                    merged.putIfAbsent(ModelNames.normalize(name), model(name, m));
                }
            }
        }
        for (ModelAliases.Alias alias : aliases.all()) {
            List<ObjectNode> served = alias.models().stream().map(m -> merged.get(ModelNames.normalize(m)))
                    .filter(java.util.Objects::nonNull).toList();
            if (!served.isEmpty()) {
                ObjectNode o = json.createObjectNode();
                o.put("id", alias.name());
                o.put("object", "model");
                o.put("created", served.getFirst().path("created").asLong());
                o.put("owned_by", "ollamamax-alias");
                merged.putIfAbsent(ModelNames.normalize(alias.name()), o);
            }
        }
        return merged;
    }

    private ObjectNode model(String name, JsonNode tag) {
        ObjectNode o = json.createObjectNode();
        o.put("id", name);
        o.put("object", "model");
        o.put("created", created(tag.path("modified_at").asText("")));
        o.put("owned_by", "ollama");
        return o;
    }

    /** {@code modified_at} in epoch seconds; 0 when the node did not say. */
    private static long created(String modifiedAt) {
        try {
            return OffsetDateTime.parse(modifiedAt).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
