package dev.ollamamax.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.auth.Principal;
import dev.ollamamax.server.store.StoreUnavailableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code /api/v1/conversations}: list, create, read, rename, delete, export ({@code ?format=md|json}),
 * {@code GET /search?q=} (full-text, the user's own conversations), {@code PUT /{id}/turns/{turn}/choice
 * {"alternative": n}} to choose which answer of a regenerated turn is shown, and {@code PUT
 * /{id}/messages/{message}/choice} to show the branch of any message (an edited question's other version).
 */
final class ConversationRoutes implements HttpService {

    private static final Logger LOG = Logger.getLogger(ConversationRoutes.class.getName());

    @FunctionalInterface
    private interface Action {
        void handle(ServerRequest req, ServerResponse res, Principal who) throws Exception;
    }

    private final ConversationStore store;
    private final ObjectMapper json;

    ConversationRoutes(ConversationStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", guarded(this::list))
                .get("/search", guarded(this::search))
                .post("/", guarded(this::create))
                .get("/{id}", guarded(this::read))
                .patch("/{id}", guarded(this::rename))
                .delete("/{id}", guarded(this::delete))
                .get("/{id}/export", guarded(this::export))
                .put("/{id}/turns/{turn}/choice", guarded(this::choose))
                .put("/{id}/messages/{message}/choice", guarded(this::chooseMessage));
    }

    private void list(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        int limit = intParam(req, "limit", 100);
        int offset = intParam(req, "offset", 0);
        var list = store.list(who.userId(), limit, offset).stream().map(TranscriptExport::summary).toList();
        send(res, Status.OK_200, Map.of("conversations", list));
    }

    private void search(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        String q = req.query().first("q").orElse("");
        int limit = intParam(req, "limit", ConversationSearch.MAX_RESULTS);
        var hits = store.search(who.userId(), q, limit).stream().map(TranscriptExport::hit).toList();
        send(res, Status.OK_200, Map.of("query", q, "results", hits));
    }

    /** Shows the branch of message {@code message}: it becomes the chosen one among its siblings. */
    private void chooseMessage(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        long message;
        try {
            message = Long.parseLong(req.path().pathParameters().get("message"));
        } catch (NumberFormatException e) {
            throw new ConversationException(400, "the message is its id, a number, as the transcript lists it");
        }
        if (!store.chooseMessage(who.userId(), id(req), message)) {
            throw new ConversationException(404, "conversation " + id(req) + " has no message " + message);
        }
        read(req, res, who);
    }

    private void create(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        String title = req.content().hasEntity() ? body(req).path("title").asText("New conversation") : "New conversation";
        send(res, Status.CREATED_201, TranscriptExport.summary(store.create(who.userId(), title)));
    }

    private void read(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        send(res, Status.OK_200, TranscriptExport.json(transcript(req, who)));
    }

    private void rename(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        JsonNode title = body(req).get("title");
        if (title == null || !title.isTextual()) {
            throw new ConversationException(400, "send {\"title\": \"…\"}");
        }
        String id = id(req);
        if (!store.rename(who.userId(), id, title.asText())) {
            throw notFound(id);
        }
        read(req, res, who);
    }

    /** Turns and answers count from 0 here, as positions; the transcript shows "2 / 3" for alternative 1 of 3. */
    private void choose(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        JsonNode alternative = body(req).get("alternative");
        int turn;
        try {
            turn = Integer.parseInt(req.path().pathParameters().get("turn"));
        } catch (NumberFormatException e) {
            throw new ConversationException(400, "the turn is a number: 0 for the first question");
        }
        if (alternative == null || !alternative.canConvertToInt()) {
            throw new ConversationException(400, "send {\"alternative\": n}, n from 0 for the first answer");
        }
        if (!store.choose(who.userId(), id(req), turn, alternative.asInt())) {
            throw new ConversationException(404, "conversation " + id(req) + " has no answer " + alternative.asInt()
                    + " to question " + turn);
        }
        read(req, res, who);
    }

    private void delete(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        String id = id(req);
        if (!store.delete(who.userId(), id)) {
            throw notFound(id);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void export(ServerRequest req, ServerResponse res, Principal who) throws Exception {
        String format = req.query().first("format").orElse("md");
        Transcript t = transcript(req, who);
        String file = "conversation-" + t.conversation().id();
        switch (format) {
            case "md", "markdown" -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/markdown; charset=utf-8");
                res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".md\"");
                res.send(TranscriptExport.markdown(t).getBytes(StandardCharsets.UTF_8));
            }
            case "json" -> {
                res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".json\"");
                send(res, Status.OK_200, TranscriptExport.json(t));
            }
            default -> throw new ConversationException(400, "format must be md or json");
        }
    }

    private Transcript transcript(ServerRequest req, Principal who) throws SQLException {
        String id = id(req);
        return store.get(who.userId(), id).orElseThrow(() -> notFound(id));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static ConversationException notFound(String id) {
        return new ConversationException(404, "you have no conversation " + id);
    }

    private static int intParam(ServerRequest req, String name, int fallback) {
        try {
            return req.query().first(name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new ConversationException(400, name + " must be a whole number");
        }
    }

    private JsonNode body(ServerRequest req) {
        try {
            JsonNode node = json.readTree(dev.ollamamax.server.http.JsonBodies.readBytes(req));
            if (node == null || !node.isObject()) {
                throw new ConversationException(400, "the request body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new ConversationException(400, "the request body is not valid JSON");
        }
    }

    private void send(ServerResponse res, Status status, Object body) throws Exception {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writeValueAsBytes(body));
    }

    private Handler guarded(Action action) {
        return (req, res) -> {
            try {
                Principal who = Principal.of(req).orElseThrow(() -> new StoreUnavailableException(
                        "database unavailable: cannot tell whose conversations these are"));
                action.handle(req, res, who);
            } catch (ConversationException e) {
                error(res, e.status(), e.getMessage());
            } catch (StoreUnavailableException e) {
                error(res, 503, e.getMessage());
            } catch (SQLException e) {
                LOG.warning("Database error on " + req.path().path() + ": " + e.getMessage());
                error(res, 500, "the database failed on this request; the gateway's log has the details");
            }
        };
    }

    private void error(ServerResponse res, int status, String message) throws Exception {
        send(res, Status.create(status), Map.of("error", message));
    }
}
