package dev.ollamamax.server;

import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.auth.AuthFeature;

/**
 * Accounts for tests, made the way an operator makes them (through {@code Accounts}, as {@code users add}
 * does), then signed in over HTTP: registration is closed by default and never makes admins.
 */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** Creates an admin and logs in; the token response ({@code access_token}, {@code user}…). */
    public static JsonNode admin(Gateway gateway, String username, String password) {
        return create(gateway, username, password, "admin");
    }

    /** Creates a plain user and logs in. */
    public static JsonNode user(Gateway gateway, String username, String password) {
        return create(gateway, username, password, "user");
    }

    public static String bearer(JsonNode tokens) {
        return "Bearer " + tokens.get("access_token").asText();
    }

    private static JsonNode create(Gateway gateway, String username, String password, String role) {
        try {
            gateway.feature(AuthFeature.class).orElseThrow().accounts().addUser(username, password, role, "test");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Response r = post(TestGateways.url(gateway, Listener.PRIMARY, "/auth/login"),
                json("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }
}
