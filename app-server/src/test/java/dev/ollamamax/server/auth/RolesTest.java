package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestAccounts.bearer;
import static dev.ollamamax.server.TestHttp.get;
import static dev.ollamamax.server.TestHttp.json;
import static dev.ollamamax.server.TestHttp.post;
import static dev.ollamamax.server.TestHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.store.StoreFeature;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finding of issue 10: a plain user deleted a model on every node and removed the only node. Now node
 * and model administration needs the admin role, refused with 403 in the caller's protocol and audited.
 */
class RolesTest {

    static final String MODEL = "qwen2.5:0.5b";

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;
    static JsonNode admin;
    static JsonNode user;

    @BeforeAll
    static void start() throws Exception {
        node = FakeOllama.start().model(MODEL).model("llama3.2");
        gw = TestGateway.start(home, Map.of(Setting.AUTH_ENABLED, "true"), node);
        gw.gateway().feature(StoreFeature.class).orElseThrow().database().awaitUp(60_000);
        admin = TestAccounts.admin(gw.gateway(), "root-" + System.nanoTime() % 100000, "the admin password");
        user = TestAccounts.user(gw.gateway(), "plain-" + System.nanoTime() % 100000, "the user password");
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    static String url(String path) {
        return gw.uri(path).toString();
    }

    static List<String> modelsOnTheNode() {
        List<String> names = new ArrayList<>();
        get(node.url() + "/api/tags").json().path("models").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    @Test
    void aPlainUserCannotDeleteAModelAndTheModelStaysOnTheNode() {
        Response r = send("DELETE", url("/api/delete"), json("model", MODEL), "Authorization", bearer(user));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("requires the admin role");
        assertThat(modelsOnTheNode()).contains(MODEL);
        assertThat(node.requests()).noneMatch(q -> q.path().equals("/api/delete"));
    }

    @Test
    void aPlainUserCannotPullOrCopyModels() {
        Response pull = post(url("/api/pull"), json("model", "evil:latest"), "Authorization", bearer(user));
        assertThat(pull.status()).isEqualTo(403);
        Response copy = post(url("/api/copy"), json("source", MODEL, "destination", "stolen"), "Authorization", bearer(user));
        assertThat(copy.status()).isEqualTo(403);
        assertThat(modelsOnTheNode()).doesNotContain("stolen:latest", "evil:latest");
    }

    @Test
    void anAdminMayDeleteAModel() {
        node.model("scratch:latest");
        gw.probe();
        Response r = send("DELETE", url("/api/delete"), json("model", "scratch:latest"), "Authorization", bearer(admin));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(modelsOnTheNode()).doesNotContain("scratch:latest");
    }

    @Test
    void aPlainUserCannotAddTestRemoveOrDrainNodesButMayListThem() {
        String id = get(url("/api/v1/nodes"), "Authorization", bearer(admin)).json().at("/nodes/0/id").asText();
        assertThat(id).isNotEmpty();
        String auth = bearer(user);
        Response add = post(url("/api/v1/nodes"), json("url", "http://127.0.0.1:9"), "Authorization", auth);
        assertThat(add.status()).isEqualTo(403);
        assertThat(add.json().get("error").asText()).isEqualTo("adding nodes requires the admin role; "
                + user.at("/user/username").asText() + " has the user role");
        assertThat(post(url("/api/v1/nodes/test"), json("url", "http://127.0.0.1:9"), "Authorization", auth).status())
                .isEqualTo(403);
        assertThat(send("DELETE", url("/api/v1/nodes/" + id), null, "Authorization", auth).status()).isEqualTo(403);
        assertThat(post(url("/api/v1/nodes/" + id + "/drain"), "", "Authorization", auth).status()).isEqualTo(403);
        Response list = get(url("/api/v1/nodes"), "Authorization", auth);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/nodes/0/id").asText()).isEqualTo(id);
        assertThat(list.json().at("/nodes/0/draining").asBoolean(false)).isFalse();
    }

    @Test
    void aPlainUserMayRunInferenceAndListModels() {
        assertThat(get(url("/api/tags"), "Authorization", bearer(user)).status()).isEqualTo(200);
        Response gen = post(url("/api/generate"), "{\"model\":\"" + MODEL + "\",\"prompt\":\"hi\",\"stream\":false}",
                "Authorization", bearer(user));
        assertThat(gen.status()).as(gen.body()).isEqualTo(200);
    }

    @Test
    void refusalsAreWrittenToTheAuditLog() throws Exception {
        String name = user.at("/user/username").asText();
        send("DELETE", url("/api/delete"), json("model", MODEL), "Authorization", bearer(user));
        var db = gw.gateway().feature(StoreFeature.class).orElseThrow().database();
        long end = System.nanoTime() + 10_000_000_000L;
        String found = null;
        while (found == null && System.nanoTime() < end) {
            found = db.query(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT detail FROM audit_log WHERE actor = ? AND action = 'forbidden' AND target = 'DELETE /api/delete'")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            Thread.sleep(50);
        }
        assertThat(found).contains("deleting models requires the admin role");
    }

    @Test
    void userAdministrationIsForAdminsOnly() {
        Response asUser = get(url("/auth/users"), "Authorization", bearer(user));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.json().get("error").asText()).contains("managing users requires the admin role");
        Response asAdmin = get(url("/auth/users"), "Authorization", bearer(admin));
        assertThat(asAdmin.status()).isEqualTo(200);
        JsonNode first = asAdmin.json().at("/users/0");
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "username", "role", "disabled", "created_at");
        assertThat(post(url("/auth/users"), json("username", "sneaky", "password", "sneaky password", "role", "admin"),
                "Authorization", bearer(user)).status()).isEqualTo(403);
    }

    @Test
    void anAdminCreatesDisablesAndPromotesUsersButNeverRemovesTheLastAdmin() {
        String name = "carl-" + System.nanoTime() % 100000;
        Response created = post(url("/auth/users"), json("username", name, "password", "carl's password", "role", "user"),
                "Authorization", bearer(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo("user");
        JsonNode carl = post(url("/auth/login"), json("username", name, "password", "carl's password")).json();
        String key = post(url("/auth/keys"), json("name", "k"), "Authorization", bearer(carl)).json().get("key").asText();
        assertThat(get(url("/api/tags"), "x-api-key", key).status()).isEqualTo(200);

        Response disabled = send("PATCH", url("/auth/users/" + name), "{\"disabled\":true}", "Authorization", bearer(admin));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(get(url("/api/tags"), "Authorization", bearer(carl)).status()).as("token ended").isEqualTo(401);
        assertThat(get(url("/api/tags"), "x-api-key", key).status()).as("key refused").isEqualTo(401);
        assertThat(post(url("/auth/login"), json("username", name, "password", "carl's password")).status()).isEqualTo(403);

        Response promoted = send("PATCH", url("/auth/users/" + name), "{\"disabled\":false,\"role\":\"admin\"}",
                "Authorization", bearer(admin));
        assertThat(promoted.json().get("role").asText()).isEqualTo("admin");
        assertThat(get(url("/auth/users"), "x-api-key", key).status()).as("the key carries the new role").isEqualTo(200);
        send("PATCH", url("/auth/users/" + name), "{\"role\":\"user\"}", "Authorization", bearer(admin));

        String me = admin.at("/user/username").asText();
        Response demoteSelf = send("PATCH", url("/auth/users/" + me), "{\"role\":\"user\"}", "Authorization", bearer(admin));
        assertThat(demoteSelf.status()).isEqualTo(409);
        assertThat(demoteSelf.json().get("error").asText()).contains("last enabled admin");
    }

    @Test
    void withAuthOffTheLocalAccountIsStillAdmin() {
        try (TestGateway open = TestGateway.start(home.resolve("open"), Map.of(), node)) {
            var r = open.post("/api/v1/nodes/test", "{\"url\":\"" + node.url() + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }
}
