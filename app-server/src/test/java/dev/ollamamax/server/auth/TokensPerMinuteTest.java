package dev.ollamamax.server.auth;

import static dev.ollamamax.server.TestAccounts.bearer;
import static dev.ollamamax.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.TestGateways;
import dev.ollamamax.server.TestHttp.Response;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's {@code tokens_per_minute} (issue 10, item 8) is enforced from the node's own token counts as usage
 * accounting records them: once the key has used its tokens, new requests get a 429 with {@code Retry-After};
 * another key of the same user is not affected.
 */
class TokensPerMinuteTest {

    @TempDir
    Path home;

    @Test
    void aKeyThatUsedItsTokensForTheMinuteIsRefusedWithRetryAfterAndAnotherKeyIsNot() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3.2").reply("llama3.2", List.of("a", "b", "c", "d", "e"));
             TestGateway gw = TestGateway.start(home, Map.of(Setting.AUTH_ENABLED, "true"), node)) {
            TestGateways.awaitStores(gw.gateway(), true, Duration.ofSeconds(60));
            JsonNode owner = TestAccounts.user(gw.gateway(), "tpm" + System.nanoTime() % 1_000_000, "a token budget password");
            String limited = key(gw, owner, "{\"name\":\"small\",\"tokens_per_minute\":8}");
            String other = key(gw, owner, "{\"name\":\"other\"}");
            String generate = gw.uri("/api/generate").toString();
            String body = "{\"model\":\"llama3.2\",\"prompt\":\"count to five\",\"stream\":false}";

            assertThat(post(generate, body, "x-api-key", limited).status()).isEqualTo(200); // 3 prompt + 5 completion tokens
            Response refused = null;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) { // usage is written (and counted) about a second behind
                Response r = post(generate, body, "x-api-key", limited);
                if (r.status() == 429) {
                    refused = r;
                    break;
                }
                assertThat(r.status()).isEqualTo(200);
                Thread.sleep(200);
            }
            assertThat(refused).as("a 429 once the key's 8 tokens are used").isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.json().path("error").asText()).contains("8 tokens per minute");
            assertThat(post(generate, body, "x-api-key", other).status()).as("another key of the same user").isEqualTo(200);
        }
    }

    private static String key(TestGateway gw, JsonNode owner, String body) {
        Response r = post(gw.uri("/auth/keys").toString(), body, "Authorization", bearer(owner));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("key").asText();
    }
}
