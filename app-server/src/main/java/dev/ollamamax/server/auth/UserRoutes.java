package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /auth/users}, for admins only ({@link Permissions}): list accounts, create one with a role, and
 * change an account's role, disabled state or password.
 */
final class UserRoutes implements HttpService {

    private final Accounts accounts;
    private final UserAdmin admin;
    private final ObjectMapper json;

    UserRoutes(Accounts accounts, UserAdmin admin, ObjectMapper json) {
        this.accounts = accounts;
        this.admin = admin;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", Guarded.handler(json, this::list))
                .post("/", Guarded.handler(json, this::create))
                .patch("/{username}", Guarded.handler(json, this::change));
    }

    private void list(ServerRequest req, ServerResponse res) throws SQLException {
        Replies.json(res, json, Status.OK_200, Map.of("users", admin.list().stream().map(AuthRoutes::user).toList()));
    }

    private void create(ServerRequest req, ServerResponse res) throws SQLException {
        Principal who = principal(req);
        JsonNode body = Replies.body(req, json);
        String role = Optional.ofNullable(Replies.text(body, "role")).orElse(Users.USER);
        Accounts.UserView user = accounts.addUser(Replies.text(body, "username"), Replies.text(body, "password"), role,
                who.username());
        Replies.json(res, json, Status.CREATED_201, AuthRoutes.user(user));
    }

    private void change(ServerRequest req, ServerResponse res) throws SQLException {
        Principal who = principal(req);
        JsonNode body = Replies.body(req, json);
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean()) {
            throw new AuthException(400, "disabled must be true or false");
        }
        UserAdmin.Change change = new UserAdmin.Change(Optional.ofNullable(Replies.text(body, "role")),
                Optional.ofNullable(disabled).map(JsonNode::asBoolean), Optional.ofNullable(Replies.text(body, "password")));
        String username = req.path().pathParameters().get("username");
        Replies.json(res, json, Status.OK_200, AuthRoutes.user(admin.change(who, username, change)));
    }

    private static Principal principal(ServerRequest req) {
        return Principal.of(req).orElseThrow(() -> new AuthException(401, "missing token"));
    }
}
