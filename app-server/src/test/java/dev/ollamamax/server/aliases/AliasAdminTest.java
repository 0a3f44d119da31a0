package dev.ollamamax.server.aliases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/aliases}: admins list, create, replace and delete aliases; they are stored in PostgreSQL,
 * so an alias made on one instance is served by another on the same database; users are refused.
 */
class AliasAdminTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway one;
    static TestGateway two;
    static String admin;
    static String user;

    @BeforeAll
    static void start() {
        node = FakeOllama.start().model("smallcoder:7b").model("tiny:1b");
        // one JWT secret, as instances of one deployment share it
        Map<Setting, String> settings = Map.of(Setting.AUTH_ENABLED, "true", Setting.MODEL_ALIASES, "fixed=tiny:1b",
                Setting.JWT_SECRET, "alias-admin-test-secret-" + "0123456789abcdef0123456789abcdef0123456789");
        one = TestGateway.start(home.resolve("one"), settings, node);
        two = TestGateway.start(home.resolve("two"), settings, node);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        admin = TestAccounts.bearer(TestAccounts.admin(one.gateway(), "alias-admin-" + suffix, "correct horse battery"));
        user = TestAccounts.bearer(TestAccounts.user(one.gateway(), "alias-user-" + suffix, "correct horse battery"));
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        node.close();
    }

    @Test
    void anAliasStoredThroughOneInstanceIsServedByAnotherAndCanBeReplacedAndDeleted() throws Exception {
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> created = call(one, "PUT", "/api/v1/aliases/" + name, admin, "{\"models\":[\"nothere:70b\",\"smallcoder:7b\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(one.json(created.body()).path("source").asText()).isEqualTo("stored");

        // the other instance reads the stored aliases every few seconds
        HttpResponse<String> served = null;
        for (int i = 0; i < 50 && (served == null || served.statusCode() != 200); i++) {
            Thread.sleep(100);
            served = call(two, "POST", "/api/generate", admin, "{\"model\":\"" + name + "\",\"prompt\":\"hi\",\"stream\":false}");
        }
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("X-OllamaMax-Model")).hasValue("smallcoder:7b");
        assertThat(served.headers().firstValue("X-OllamaMax-Alias")).hasValue(name);

        JsonNode listed = one.json(call(two, "GET", "/api/v1/aliases", admin, null).body()).path("aliases");
        assertThat(listed).anySatisfy(a -> assertThat(a.path("name").asText()).isEqualTo(name));
        assertThat(listed).anySatisfy(a -> {
            assertThat(a.path("name").asText()).isEqualTo("fixed");
            assertThat(a.path("source").asText()).isEqualTo("config");
        });

        HttpResponse<String> replaced = call(one, "PUT", "/api/v1/aliases/" + name, admin, "{\"models\":[\"tiny:1b\"]}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(one.json(call(two, "GET", "/api/v1/aliases/" + name, admin, null).body()).path("models").get(0).asText())
                .isEqualTo("tiny:1b");

        assertThat(call(one, "DELETE", "/api/v1/aliases/" + name, admin, null).statusCode()).isEqualTo(204);
        assertThat(call(two, "GET", "/api/v1/aliases/" + name, admin, null).statusCode()).isEqualTo(404);
        assertThat(call(one, "DELETE", "/api/v1/aliases/" + name, admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void usersMayUseAliasesButNotManageThem() {
        assertThat(call(one, "GET", "/api/v1/aliases", user, null).statusCode()).isEqualTo(403);
        assertThat(call(one, "PUT", "/api/v1/aliases/mine", user, "{\"models\":[\"tiny:1b\"]}").statusCode()).isEqualTo(403);
        assertThat(call(one, "DELETE", "/api/v1/aliases/fixed", user, null).statusCode()).isEqualTo(403);
        HttpResponse<String> used = call(one, "POST", "/api/chat", user,
                "{\"model\":\"fixed\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(one.json(used.body()).path("model").asText()).isEqualTo("tiny:1b");
    }

    @Test
    void aKeyLimitedToAModelIsRefusedAnAliasOfItBecauseAccessIsCheckedOnTheNameAskedFor() {
        HttpResponse<String> key = call(one, "POST", "/auth/keys", user, "{\"name\":\"tiny-only\",\"models\":[\"tiny:1b\"]}");
        assertThat(key.statusCode()).as(key.body()).isIn(200, 201);
        String bearer = "Bearer " + one.json(key.body()).path("key").asText();

        HttpResponse<String> alias = call(one, "POST", "/api/chat", bearer,
                "{\"model\":\"fixed\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        HttpResponse<String> model = call(one, "POST", "/api/chat", bearer,
                "{\"model\":\"tiny:1b\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(alias.statusCode()).isEqualTo(403);
        assertThat(alias.body()).contains("fixed");
        assertThat(model.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesBadAliasesAndTheDeletionOfAConfiguredOne() {
        assertThat(call(one, "PUT", "/api/v1/aliases/x", admin, "{\"models\":[]}").statusCode()).isEqualTo(400);
        assertThat(call(one, "PUT", "/api/v1/aliases/x", admin, "{\"models\":[\"fixed\"]}").statusCode()).isEqualTo(400);
        assertThat(call(one, "PUT", "/api/v1/aliases/bad%20name", admin, "{\"models\":[\"tiny:1b\"]}").statusCode()).isEqualTo(400);
        HttpResponse<String> configured = call(one, "DELETE", "/api/v1/aliases/fixed", admin, null);
        assertThat(configured.statusCode()).isEqualTo(400);
        assertThat(configured.body()).contains("MODEL_ALIASES");
    }

    private static HttpResponse<String> call(TestGateway gw, String method, String path, String bearer, String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(path)).header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }
}
