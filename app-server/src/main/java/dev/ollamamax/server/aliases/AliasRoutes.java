package dev.ollamamax.server.aliases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.ModelAliases;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/aliases} (admin only, see {@code auth.Permissions}): {@code GET} lists every alias with
 * its models and source ({@code config} from {@code MODEL_ALIASES}, {@code stored} from the database),
 * {@code GET /{name}} one, {@code PUT /{name} {"models": [...]}} creates or replaces a stored alias,
 * {@code DELETE /{name}} removes a stored one (a configured alias is changed in the configuration).
 */
final class AliasRoutes implements HttpService {

    private final ObjectMapper json;
    private final AliasStore store;
    private final ModelAliases aliases;
    private final Runnable refresh;

    AliasRoutes(ObjectMapper json, AliasStore store, ModelAliases aliases, Runnable refresh) {
        this.json = json;
        this.store = store;
        this.aliases = aliases;
        this.refresh = refresh;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{name}", this::one)
                .put("/{name}", this::put)
                .delete("/{name}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        refresh.run();
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("aliases");
        aliases.all().forEach(a -> list.add(entry(a)));
        JsonBodies.send(json, res, 200, out);
    }

    private void one(ServerRequest req, ServerResponse res) {
        refresh.run();
        String name = name(req);
        JsonBodies.send(json, res, 200, entry(aliases.find(name).orElseThrow(() -> notFound(name))));
    }

    private void put(ServerRequest req, ServerResponse res) throws Exception {
        String name = name(req);
        JsonNode models = JsonBodies.readObject(json, req).get("models");
        if (models == null || !models.isArray() || models.isEmpty()) {
            throw GatewayException.badRequest("Send {\"models\": [\"first\", \"fallback\", …]}, at least one model", "models");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode m : models) {
            if (!m.isTextual() || m.asText().isBlank() || m.asText().contains(",") || m.asText().contains(";")) {
                throw GatewayException.badRequest("Each model is a model name such as llama3.2:1b", "models");
            }
            list.add(m.asText().strip());
        }
        if (list.stream().anyMatch(m -> aliases.find(m).isPresent())) {
            throw GatewayException.badRequest("An alias's models are models, not other aliases", "models");
        }
        boolean created = store.put(name, list, Principal.of(req).map(Principal::username).orElse(""));
        refresh.run();
        JsonBodies.send(json, res, created ? 201 : 200, entry(aliases.find(name).orElseThrow()));
    }

    private void delete(ServerRequest req, ServerResponse res) throws Exception {
        String name = name(req);
        if (!store.delete(name)) {
            boolean configured = aliases.find(name).filter(a -> a.source() == ModelAliases.Source.CONFIG).isPresent();
            throw configured ? GatewayException.badRequest("The alias '" + name + "' comes from MODEL_ALIASES;"
                    + " change it in the configuration", "name") : notFound(name);
        }
        refresh.run();
        res.status(204).send();
    }

    private ObjectNode entry(ModelAliases.Alias alias) {
        ObjectNode o = json.createObjectNode();
        o.put("name", alias.name());
        alias.models().forEach(o.putArray("models")::add);
        o.put("source", alias.source().name().toLowerCase(java.util.Locale.ROOT));
        return o;
    }

    private static String name(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        try {
            ModelAliases.validName(name);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest(e.getMessage(), "name");
        }
        return name;
    }

    private static GatewayException notFound(String name) {
        return new GatewayException(ErrorKind.NOT_FOUND, "There is no alias '" + name + "'");
    }
}
