package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static dev.ollamamax.server.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.WhoAmIFeature;
import dev.ollamamax.server.store.SecretFile;
import dev.ollamamax.shared.config.Setting;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every /auth endpoint and every refusal, against a gateway with its embedded PostgreSQL and Redis. */
class AuthApiTest {

    @TempDir
    static Path home;

    static Gateway gateway;
    static JsonNode admin;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = TestGateways.start(TestGateways.config(home)
                .set(Setting.LOGIN_RATE_LIMIT_PER_MINUTE, "1000")
                .set(Setting.ALLOW_REGISTRATION, "true")
                .build(), ctx -> List.of(new WhoAmIFeature(ctx)));
        TestGateways.awaitStores(gateway, true, Duration.ofSeconds(90));
        admin = TestAccounts.admin(gateway, "alice", "correct horse battery");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    static JsonNode register(String user, String password) {
        Response r = post(url("/auth/register"), json("username", user, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static String bearer(JsonNode tokens) {
        return "Bearer " + tokens.get("access_token").asText();
    }

    @Test
    void openRegistrationMakesUsersNeverAdmins() {
        assertThat(admin.at("/user/role").asText()).isEqualTo("admin");
        JsonNode bob = register("bob", "bob's password");
        assertThat(bob.at("/user/role").asText()).isEqualTo("user");
        assertThat(bob.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(bob.get("expires_in").asLong()).isBetween(3500L, 3600L);
        assertThat(bob.get("refresh_token").asText()).isNotBlank();
    }

    @Test
    void takenNamesAndWeakPasswordsAreRefused() {
        Response taken = post(url("/auth/register"), json("username", "ALICE", "password", "whatever123"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("error").asText()).contains("already taken");
        Response weak = post(url("/auth/register"), json("username", "weakling", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("error").asText()).contains("at least 8 characters");
        Response garbage = post(url("/auth/register"), "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("error").asText()).contains("not valid JSON");
    }

    @Test
    void loginWithTheRightPasswordAndRefusalWithAWrongOne() {
        Response ok = post(url("/auth/login"), json("username", "alice", "password", "correct horse battery"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("access_token").asText()).contains(".");
        Response wrong = post(url("/auth/login"), json("username", "alice", "password", "wrong horse"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("wrong username or password");
        Response nobody = post(url("/auth/login"), json("username", "nobody", "password", "wrong horse"));
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.json().get("error").asText()).isEqualTo("wrong username or password");
    }

    @Test
    void meTellsWhoTheTokenBelongsTo() {
        Response me = get(url("/auth/me"), "Authorization", bearer(admin));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("alice");
        assertThat(me.json().get("auth").asText()).isEqualTo("access_token");
        Response anonymous = get(url("/auth/me"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asText()).startsWith("missing token");
    }

    @Test
    void aTokenFromThePrimaryListenerWorksOnAllThree() {
        for (Listener listener : Listener.values()) {
            Response r = get(TestGateways.url(gateway, listener, "/v1/whoami"), "Authorization", bearer(admin));
            assertThat(r.status()).as(listener + ": " + r.body()).isEqualTo(200);
            assertThat(r.json().get("user").asText()).isEqualTo("alice");
            assertThat(r.json().get("listener").asText()).isEqualTo(listener.wireName());
            Response none = get(TestGateways.url(gateway, listener, "/api/whoami"));
            assertThat(none.status()).isEqualTo(401);
        }
    }

    @Test
    void missingCredentialsGetTheEnvelopeOfEachApi() {
        Response openai = get(url("/v1/whoami"));
        assertThat(openai.status()).isEqualTo(401);
        assertThat(openai.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode error = openai.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.get("message").asText()).startsWith("missing token");
        Response ollama = get(url("/api/whoami"));
        assertThat(ollama.status()).isEqualTo(401);
        assertThat(ollama.json().get("error").isTextual()).isTrue();
        Response garbage = get(url("/api/whoami"), "Authorization", "Bearer not-a-token");
        assertThat(garbage.json().get("error").asText()).contains("neither an access token");
    }

    @Test
    void openPathsNeedNoCredential() {
        assertThat(get(url("/health")).status()).isEqualTo(200);
        assertThat(get(url("/metrics")).status()).isEqualTo(200);
        Response ready = get(url("/health/ready"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("UP");
        assertThat(ready.json().at("/checks/cache/status").asText()).isEqualTo("UP");
        assertThat(ready.body()).as("no addresses for anonymous callers").doesNotContain("jdbc", "redis://", "message");
    }

    @Test
    void anExpiredTokenIsRefusedAndSaysSo() throws Exception {
        byte[] secret = Files.readString(home.resolve("jwt-secret")).strip().getBytes(StandardCharsets.UTF_8);
        String expired = Jwts.builder().issuer("ollamamax").subject(admin.at("/user/id").asText())
                .claim("name", "alice").claim("role", "admin")
                .issuedAt(Date.from(Instant.now().minusSeconds(7200)))
                .expiration(Date.from(Instant.now().minusSeconds(3600)))
                .signWith(Keys.hmacShaKeyFor(secret)).compact();
        Response r = get(url("/v1/whoami"), "Authorization", "Bearer " + expired);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/message").asText()).contains("expired at");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = Jwts.builder().issuer("ollamamax").subject("1").claim("name", "alice").claim("role", "admin")
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(Keys.hmacShaKeyFor("another secret of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8)))
                .compact();
        Response r = get(url("/api/whoami"), "Authorization", "Bearer " + forged);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).contains("signature");
    }

    @Test
    void theGeneratedSecretIsReadableByItsOwnerOnly() throws Exception {
        assertThat(home.resolve("jwt-secret")).exists();
        assertThat(SecretFile.isOwnerOnly(home.resolve("jwt-secret"))).isTrue();
        assertThat(Files.getPosixFilePermissions(home.resolve("jwt-secret")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refreshRotatesTheTokenAndReusingAnOldOneSignsTheSessionOut() {
        JsonNode login = post(url("/auth/login"), json("username", "alice", "password", "correct horse battery")).json();
        String first = login.get("refresh_token").asText();
        Response rotated = post(url("/auth/refresh"), json("refresh_token", first));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(get(url("/v1/whoami"), "Authorization", bearer(rotated.json())).status()).isEqualTo(200);

        Response replay = post(url("/auth/refresh"), json("refresh_token", first));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("error").asText()).contains("already used");
        Response afterReplay = post(url("/auth/refresh"), json("refresh_token", second));
        assertThat(afterReplay.status()).isEqualTo(401);
        assertThat(afterReplay.json().get("error").asText()).contains("revoked");
        assertThat(get(url("/v1/whoami"), "Authorization", bearer(rotated.json())).json().at("/error/message").asText())
                .contains("logged out");
    }

    @Test
    void logoutRevokesTheRefreshTokenAndTheSessionsAccessTokens() {
        JsonNode login = post(url("/auth/login"), json("username", "alice", "password", "correct horse battery")).json();
        Response out = post(url("/auth/logout"), json("refresh_token", login.get("refresh_token").asText()));
        assertThat(out.status()).isEqualTo(204);
        Response refresh = post(url("/auth/refresh"), json("refresh_token", login.get("refresh_token").asText()));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.json().get("error").asText()).contains("revoked (logged out)");
        Response access = get(url("/api/whoami"), "Authorization", bearer(login));
        assertThat(access.status()).isEqualTo(401);
        assertThat(access.json().get("error").asText()).contains("logged out");
        assertThat(get(url("/api/whoami"), "Authorization", bearer(admin)).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsOldSessionsAndNeedsTheCurrentOne() {
        JsonNode carol = register("carol", "carol's first");
        Response wrong = post(url("/auth/change-password"), json("current_password", "nope nope", "new_password",
                "carol's second"), "Authorization", bearer(carol));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).contains("current password is wrong");
        Response changed = post(url("/auth/change-password"), json("current_password", "carol's first",
                "new_password", "carol's second"), "Authorization", bearer(carol));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(get(url("/api/whoami"), "Authorization", bearer(carol)).status()).isEqualTo(401);
        assertThat(get(url("/api/whoami"), "Authorization", bearer(changed.json())).status()).isEqualTo(200);
        assertThat(post(url("/auth/refresh"), json("refresh_token", carol.get("refresh_token").asText())).status())
                .isEqualTo(401);
        assertThat(post(url("/auth/login"), json("username", "carol", "password", "carol's second")).status())
                .isEqualTo(200);
    }

    @Test
    void anApiKeyIsShownOnceWorksInBothHeadersAndIsRefusedAtOnceWhenRevoked() {
        JsonNode dave = register("dave", "dave's password");
        Response created = post(url("/auth/keys"), json("name", "ci"), "Authorization", bearer(dave));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        long id = created.json().get("id").asLong();
        assertThat(key).startsWith("omx_").hasSize(4 + 43);

        Response list = get(url("/auth/keys"), "Authorization", bearer(dave));
        assertThat(list.json().get("keys")).hasSize(1);
        assertThat(list.body()).doesNotContain(key);
        assertThat(list.json().at("/keys/0/prefix").asText()).isEqualTo(key.substring(0, 12));

        Response viaBearer = get(url("/v1/whoami"), "Authorization", "Bearer " + key);
        assertThat(viaBearer.status()).isEqualTo(200);
        assertThat(viaBearer.json().get("api_key").asBoolean()).isTrue();
        assertThat(get(url("/api/whoami"), "x-api-key", key).json().get("user").asText()).isEqualTo("dave");
        assertThat(get(url("/auth/me"), "x-api-key", key).json().get("api_key_id").asLong()).isEqualTo(id);

        assertThat(send("DELETE", url("/auth/keys/" + id), null, "Authorization", "Bearer " + key).status())
                .as("a key without the keys scope manages no keys, not even itself").isEqualTo(403);
        assertThat(send("DELETE", url("/auth/keys/" + id), null, "Authorization", bearer(dave)).status()).isEqualTo(204);
        Response revoked = get(url("/v1/whoami"), "Authorization", "Bearer " + key);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().at("/error/message").asText()).contains("revoked");
        Response unknown = get(url("/v1/whoami"), "x-api-key", "omx_" + "A".repeat(43));
        assertThat(unknown.json().at("/error/message").asText()).startsWith("unknown API key");
    }

    @Test
    void nobodyRevokesSomeoneElsesKey() {
        JsonNode erin = register("erin", "erin's password");
        long id = post(url("/auth/keys"), json("name", "mine"), "Authorization", bearer(erin)).json().get("id").asLong();
        JsonNode frank = register("frank", "frank's password");
        Response r = send("DELETE", url("/auth/keys/" + id), null, "Authorization", bearer(frank));
        assertThat(r.status()).isEqualTo(404);
        assertThat(send("DELETE", url("/auth/keys/" + id), null, "Authorization", bearer(admin)).status()).isEqualTo(204);
    }

    @Test
    void corsPreflightIsAnsweredForAllowedOriginsOnly() {
        Response allowed = send("OPTIONS", url("/v1/chat/completions"), null, "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(allowed.header("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(allowed.header("Access-Control-Allow-Headers")).hasValue("authorization, content-type");
        assertThat(allowed.header("Access-Control-Max-Age")).hasValue("600");

        Response refused = send("OPTIONS", url("/v1/chat/completions"), null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();

        Response simple = get(url("/v1/whoami"), "Origin", "http://localhost:3000", "Authorization", bearer(admin));
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        Response other = get(url("/health"), "Origin", "http://evil.example");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withAuthOffRequestsNeedNoTokenAndRegistrationCanBeClosed() throws Exception {
        var store = gateway.feature(dev.ollamamax.server.store.StoreFeature.class).orElseThrow();
        var db = store.postgres().orElseThrow().url().orElseThrow();
        try (Gateway open = TestGateways.start(TestGateways.config(home.resolve("second"))
                .set(Setting.AUTH_ENABLED, "false")
                .set(Setting.ALLOW_REGISTRATION, "false")
                .set(Setting.DATABASE_URL, db.jdbcUrl() + "?user=postgres&password=" + db.password().orElseThrow())
                .set(Setting.REDIS_URL, store.redis().orElseThrow().endpoint().orElseThrow().url())
                .build(), ctx -> List.of(new WhoAmIFeature(ctx)))) {
            TestGateways.awaitStores(open, true, Duration.ofSeconds(30));
            String base = TestGateways.url(open, Listener.PRIMARY, "");
            Response anonymous = get(base + "/v1/whoami");
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.json().get("user").asText()).isEqualTo("(local)");
            String key = post(url("/auth/keys"), json("name", "k"), "Authorization", bearer(admin)).json().get("key").asText();
            assertThat(get(base + "/api/whoami", "x-api-key", key).json().get("user").asText())
                    .as("a credential, when given, still names the caller").isEqualTo("alice");
            assertThat(get(base + "/api/v1/conversations").status()).isEqualTo(200);
            assertThat(get(base + "/auth/me").status()).as("account endpoints still need a token").isEqualTo(401);

            Response closed = post(base + "/auth/register", json("username", "latecomer", "password", "late password"));
            assertThat(closed.status()).isEqualTo(403);
            assertThat(closed.json().get("error").asText()).contains("registration is closed");

            String desktop = open.feature(AuthFeature.class).orElseThrow().localAccessToken().orElseThrow();
            assertThat(get(url("/v1/whoami"), "Authorization", "Bearer " + desktop).status())
                    .as("the first gateway does not share the second's generated secret").isEqualTo(401);
            assertThat(get(base + "/auth/me", "Authorization", "Bearer " + desktop).json().get("username").asText())
                    .isEqualTo("(local)");
        }
    }
}
