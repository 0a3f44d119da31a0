package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /auth}: register (closed unless {@code ALLOW_REGISTRATION}; always the user role), setup (the first
 * admin, with the one-time token from the log), login, refresh, logout, me, change-password and API keys
 * (usage: {@code usage.UsageRoutes}). Who may call what is decided before these handlers, by {@link AuthFilter} and {@link Permissions}.
 */
final class AuthRoutes implements HttpService {


    private final Accounts accounts;
    private final Sessions sessions;
    private final RateLimiter limiter;
    private final int loginLimit;
    private final boolean registrationOpen;
    private final SetupToken setupToken;
    private final ObjectMapper json;

    AuthRoutes(Accounts accounts, Sessions sessions, RateLimiter limiter, int loginLimit,
               boolean registrationOpen, SetupToken setupToken, ObjectMapper json) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.loginLimit = loginLimit;
        this.registrationOpen = registrationOpen;
        this.setupToken = setupToken;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/register", guarded(this::register))
                .post("/setup", guarded(this::setup))
                .post("/login", guarded(this::login))
                .post("/refresh", guarded(this::refresh))
                .post("/logout", guarded(this::logout))
                .get("/me", guarded(this::me))
                .post("/change-password", guarded(this::changePassword))
                .post("/keys", guarded(this::createKey))
                .get("/keys", guarded(this::listKeys))
                .delete("/keys/{id}", guarded(this::revokeKey));
    }

    private void register(ServerRequest req, ServerResponse res) throws SQLException {
        throttle(req);
        if (!registrationOpen) {
            throw new AuthException(403, "registration is closed (ALLOW_REGISTRATION=false); ask an admin, or create "
                    + "the user with: ollamamax-server users add <name>");
        }
        JsonNode body = Replies.body(req, json);
        String username = Replies.text(body, "username");
        String password = Replies.text(body, "password");
        Accounts.UserView user = accounts.addUser(username, password, Users.USER, "self");
        User created = accounts.byId(user.id()).orElseThrow();
        Replies.json(res, json, Status.CREATED_201, tokens(sessions.open(created)));
    }

    /** The first admin of a headless gateway, with the one-time token its log printed; then the token is spent. */
    private void setup(ServerRequest req, ServerResponse res) throws SQLException {
        throttle(req);
        JsonNode body = Replies.body(req, json);
        if (accounts.hasAdmin()) {
            throw new AuthException(409, "an admin already exists; sign in, or ask an admin for an account");
        }
        if (!setupToken.redeem(Replies.text(body, "token"))) {
            throw new AuthException(403, "wrong or used setup token; it is printed once in the gateway's log at "
                    + "start while no admin exists (or run: ollamamax-server users add <name> --admin)");
        }
        Accounts.UserView user;
        try {
            user = accounts.addUser(Replies.text(body, "username"), Replies.text(body, "password"), Users.ADMIN, "setup");
        } catch (SQLException | RuntimeException e) {
            setupToken.release();
            throw e;
        }
        Replies.json(res, json, Status.CREATED_201, tokens(sessions.open(accounts.byId(user.id()).orElseThrow())));
    }

    private void login(ServerRequest req, ServerResponse res) throws SQLException {
        throttle(req);
        JsonNode body = Replies.body(req, json);
        Replies.json(res, json, Status.OK_200,
                tokens(sessions.login(Replies.text(body, "username"), Replies.text(body, "password"))));
    }

    private void refresh(ServerRequest req, ServerResponse res) throws SQLException {
        throttle(req);
        JsonNode body = Replies.body(req, json);
        Replies.json(res, json, Status.OK_200, tokens(sessions.refresh(Replies.text(body, "refresh_token"))));
    }

    private void logout(ServerRequest req, ServerResponse res) throws SQLException {
        JsonNode body = Replies.body(req, json);
        sessions.logout(Replies.text(body, "refresh_token"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void me(ServerRequest req, ServerResponse res) throws SQLException {
        Principal p = principal(req);
        User user = accounts.byId(p.userId()).orElseThrow(() -> new AuthException(401, "this account no longer exists"));
        Map<String, Object> body = user(Accounts.UserView.of(user));
        body.put("auth", p.apiKeyId().isPresent() ? "api_key" : "access_token");
        p.apiKeyId().ifPresent(id -> body.put("api_key_id", id));
        if (p.apiKeyId().isEmpty()) {
            body.put("expires_at", p.expiresAt().toString());
        }
        Replies.json(res, json, Status.OK_200, body);
    }

    private void changePassword(ServerRequest req, ServerResponse res) throws SQLException {
        Principal p = principal(req);
        JsonNode body = Replies.body(req, json);
        String current = Replies.text(body, "current_password");
        if (current == null) {
            throw new AuthException(400, "current_password is required");
        }
        accounts.changePassword(p, current, Replies.text(body, "new_password"));
        sessions.revokeAll(p.userId());
        User user = accounts.byId(p.userId()).orElseThrow();
        Replies.json(res, json, Status.OK_200, tokens(sessions.open(user)));
    }

    private void createKey(ServerRequest req, ServerResponse res) throws SQLException {
        Principal p = principal(req);
        JsonNode request = req.content().hasEntity() ? Replies.body(req, json) : json.createObjectNode();
        KeyPolicy policy = KeyJson.policy(request, sessions.clock());
        if (p.apiKeyId().isPresent()) {
            KeyJson.withinCreator(policy, p.policy());
        }
        IssuedKey issued = accounts.createKey(p.userId(), Replies.text(request, "name"), policy, p.username(),
                Optional.of(p.userId()));
        Map<String, Object> body = KeyJson.view(issued.info());
        body.put("key", issued.key());
        Replies.json(res, json, Status.CREATED_201, body);
    }

    private void listKeys(ServerRequest req, ServerResponse res) throws SQLException {
        List<Map<String, Object>> keys = accounts.listKeys(principal(req).userId()).stream().map(KeyJson::view).toList();
        Replies.json(res, json, Status.OK_200, Map.of("keys", keys));
    }

    private void revokeKey(ServerRequest req, ServerResponse res) throws SQLException {
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw new AuthException(400, "the key id must be a number");
        }
        accounts.revokeKey(principal(req), id);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void throttle(ServerRequest req) {
        RateLimiter.Decision d = limiter.tryAcquire("login:" + req.remotePeer().host(), loginLimit);
        if (!d.allowed()) {
            throw new Guarded.RateLimited(d);
        }
    }

    private static Principal principal(ServerRequest req) {
        return Principal.of(req).orElseThrow(() -> new AuthException(401, "missing token"));
    }

    private Map<String, Object> tokens(Sessions.TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("refresh_token", pair.refreshToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", pair.expiresIn());
        body.put("user", user(pair.user()));
        return body;
    }

    static Map<String, Object> user(Accounts.UserView u) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", u.id());
        body.put("username", u.username());
        body.put("role", u.role());
        body.put("disabled", u.disabled());
        body.put("created_at", u.createdAt().toString());
        return body;
    }

    private io.helidon.webserver.http.Handler guarded(Guarded.Action action) {
        return Guarded.handler(json, action);
    }
}
