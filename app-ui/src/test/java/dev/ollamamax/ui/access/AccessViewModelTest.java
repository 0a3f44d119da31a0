package dev.ollamamax.ui.access;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Access view-model against a real gateway with auth on, signed in as the desktop's local admin. */
class AccessViewModelTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    FakeOllama node;
    GatewayManager gateway;
    AccessViewModel model;

    @BeforeEach
    void start() {
        node = FakeOllama.start().model("llama3.2");
        open.add(node);
        gateway = DesktopGateways.manager(dir.resolve("home"), Map.of(Setting.AUTH_ENABLED, "true"), node);
        open.add(gateway);
        GatewayApi api = new GatewayApi(gateway);
        open.add(api);
        model = new AccessViewModel(api, new SameThreadUiExecutor(), Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void aCreatedKeyIsListedWithItsSecretShownOnceAndIsGoneAfterRevoke() {
        model.refresh();
        assertThat(model.loadedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEmpty();
        String name = "notebook-" + unique();

        model.createKey(new NewKey(name, false, "llama3.2", "60", "", ""));

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.secretProperty().get()).startsWith("omx_").hasSizeGreaterThan(20);
        assertThat(key(name)).hasValueSatisfying(k -> {
            assertThat(k.models()).as("normalized by the gateway").containsExactly("llama3.2:latest");
            assertThat(k.requestsPerMinute()).contains(60);
            assertThat(k.lastUsedText()).isEqualTo("never");
            assertThat(model.secretProperty().get()).startsWith(k.prefix());
        });
        model.dismissSecret();
        assertThat(model.secretProperty().get()).isEmpty();

        model.revoke(key(name).orElseThrow());
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(key(name)).as("a revoked key is no longer listed").isEmpty();
    }

    @Test
    void aFormWithABadLimitIsRefusedBeforeTheGatewaySeesIt() {
        model.refresh();
        String name = "bad-" + unique();
        model.createKey(new NewKey(name, false, "", "lots", "", ""));
        assertThat(model.messageProperty().get()).contains("whole number");
        model.refresh();
        assertThat(key(name)).isEmpty();
    }

    @Test
    void aRequestWithTheKeyShowsUpInUsageWithItsTokensAndTheKeysLastUse() throws Exception {
        model.refresh();
        UsageSummary before = model.usageProperty().get();
        String name = "client-" + unique();
        model.createKey(new NewKey(name, false, "", "", "", ""));
        String key = model.secretProperty().get();

        URI chat = gateway.apiBase().orElseThrow().resolve("/v1/chat/completions");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(chat)
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"say three words\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        }

        await(WAIT, () -> sleep(200), () -> {
            model.refresh();
            return model.usageProperty().get().byKey().keySet().stream().anyMatch(k -> k.startsWith(name + " ("));
        }, "the request in /auth/usage");
        UsageSummary usage = model.usageProperty().get();
        // the local admin is shared by the tests of this JVM: compare with what it had before
        assertThat(usage.requests()).isGreaterThanOrEqualTo(before.requests() + 1);
        assertThat(usage.promptTokens()).isGreaterThanOrEqualTo(before.promptTokens() + 3);
        assertThat(usage.completionTokens()).isGreaterThan(before.completionTokens());
        assertThat(usage.days()).hasSize(AccessViewModel.DAYS);
        assertThat(usage.byModel()).containsKey("llama3.2");
        Map<String, Long> perDay = usage.byKey().entrySet().stream().filter(e -> e.getKey().startsWith(name + " ("))
                .findFirst().orElseThrow().getValue();
        assertThat(perDay.values()).singleElement().satisfies(tokens -> assertThat(tokens).isGreaterThan(3));
        assertThat(key(name).orElseThrow().lastUsedText()).isNotEqualTo("never");
    }

    @Test
    void theLocalAdminSeesUsersAndCanCreateDisableAndReEnableOne() {
        model.refresh();
        assertThat(model.adminProperty().get()).isTrue();

        String ada = "ada-" + unique();
        model.createUser(ada, "correct horse", "user");
        assertThat(model.messageProperty().get()).isEmpty();
        UserRow row = user(ada);
        assertThat(row.role()).isEqualTo("user");
        assertThat(row.disabled()).isFalse();

        model.setDisabled(row, true);
        assertThat(user(ada).disabled()).isTrue();
        model.setDisabled(user(ada), false);
        assertThat(user(ada).disabled()).isFalse();

        model.setRole(user(ada), "admin");
        assertThat(user(ada).admin()).isTrue();

        model.resetPassword(user(ada), "short");
        assertThat(model.messageProperty().get()).contains("At least 8");
        model.resetPassword(user(ada), "a much longer one");
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void theGatewaysRefusalIsShownInItsOwnWords() {
        model.refresh();
        String ada = "ada-" + unique();
        model.createUser(ada, "correct horse", "user");
        model.createUser(ada, "correct horse", "user");
        assertThat(model.messageProperty().get()).isEqualTo("Could not create " + ada + ": the user name '" + ada
                + "' is already taken");
    }

    static String unique() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    java.util.Optional<KeyRow> key(String name) {
        return model.keys().stream().filter(k -> k.name().equals(name)).findFirst();
    }

    UserRow user(String name) {
        return model.users().stream().filter(u -> u.username().equals(name)).findFirst().orElseThrow();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
