package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestAccounts.bearer;
import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.store.SecretFile;
import dev.ollamamax.server.store.StoreFeature;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap no web page can win (issue 10, item 2): registration is closed by default and never makes
 * an admin; the first admin comes from the one-time setup token in the log, from {@code users add --admin},
 * or from the desktop's owner-only {@code local-admin.json}. Also the stronger password hashing.
 */
class BootstrapTest {

    @TempDir
    static Path home;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // its own embedded PostgreSQL: a fresh database without any admin, as on a first start
        gateway = TestGateways.start(TestGateways.config(home).build(), ctx -> List.of());
        TestGateways.awaitStores(gateway, true, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static String url(String path) {
        return TestGateways.url(gateway, Listener.PRIMARY, path);
    }

    @Test
    void registrationIsClosedByDefault() {
        Response r = post(url("/auth/register"), json("username", "walkin", "password", "walk-in password"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("ALLOW_REGISTRATION=false");
    }

    @Test
    void theSetupTokenMakesTheFirstAdminOnceAndOnlyWithTheRightToken() throws Exception {
        AuthFeature auth = gateway.feature(AuthFeature.class).orElseThrow();
        assertThat(auth.accounts().hasAdmin()).as("a fresh database has no admin").isFalse();
        Response wrong = post(url("/auth/setup"), "{\"token\":\"omxsetup_guess\",\"username\":\"boss\",\"password\":\"boss password\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("error").asText()).contains("setup token");
        String token = auth.setupToken().value();
        Response first = post(url("/auth/setup"), "{\"token\":\"" + token + "\",\"username\":\"boss\",\"password\":\"boss password\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().at("/user/role").asText()).isEqualTo("admin");
        Response again = post(url("/auth/setup"), "{\"token\":\"" + token + "\",\"username\":\"boss2\",\"password\":\"boss password\"}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theDesktopsLocalAdminKeyIsKeptInAnOwnerOnlyFileAndReused() throws Exception {
        AuthFeature auth = gateway.feature(AuthFeature.class).orElseThrow();
        String key = auth.localAdminKey().orElseThrow();
        Path file = home.resolve("local-admin.json");
        assertThat(file).exists();
        assertThat(SecretFile.isOwnerOnly(file)).isTrue();
        JsonNode stored = new ObjectMapper().readTree(file.toFile());
        assertThat(stored.get("api_key").asText()).isEqualTo(key);
        assertThat(auth.localAdminKey()).hasValue(key);
        Response me = get(url("/auth/me"), "Authorization", "Bearer " + key);
        assertThat(me.json().get("role").asText()).isEqualTo("admin");
        assertThat(get(url("/auth/users"), "x-api-key", key).status()).isEqualTo(200);
    }

    @Test
    void aPasswordHashedWithTheOldCountIsRehashedAtTheNextLogin() throws Exception {
        JsonNode tokens = TestAccounts.user(gateway, "oldtimer", "an old password");
        long id = tokens.at("/user/id").asLong();
        var db = gateway.feature(StoreFeature.class).orElseThrow().database();
        String old = new PasswordHasher().hash("an old password", 310_000);
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
                ps.setString(1, old);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        Response login = post(url("/auth/login"), json("username", "oldtimer", "password", "an old password"));
        assertThat(login.status()).isEqualTo(200);
        String now = db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(now).startsWith("pbkdf2-sha256$600000$");
        assertThat(post(url("/auth/login"), json("username", "oldtimer", "password", "an old password")).status())
                .isEqualTo(200);
    }

    @Test
    void readinessShowsMessagesToAdminsOnly() {
        Response anonymous = get(url("/health/ready"));
        assertThat(anonymous.json().at("/checks/database/status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().at("/checks/database").has("message")).isFalse();
        JsonNode plain = TestAccounts.user(gateway, "peeker", "peeker's password");
        assertThat(get(url("/health/ready"), "Authorization", bearer(plain)).body()).doesNotContain("message");
        String key = gateway.feature(AuthFeature.class).orElseThrow().localAdminKey().orElseThrow();
        Response admin = get(url("/health/ready"), "Authorization", "Bearer " + key);
        assertThat(admin.json().at("/checks/database/message").asText()).isNotEmpty();
    }

    @Test
    void unmatchedPathsShareOneMetricsLabel() {
        for (int i = 0; i < 5; i++) {
            get(url("/api/nonsense-" + i));
            get(url("/v1/made/up/" + i));
        }
        get(url("/zzz-" + System.nanoTime()));
        get(url("/health"));
        String metrics = get(url("/metrics")).body();
        assertThat(metrics).doesNotContain("nonsense-").doesNotContain("/v1/made").doesNotContain("zzz")
                .contains("route=\"unmatched\"").contains("route=\"/health\"");
    }

}
