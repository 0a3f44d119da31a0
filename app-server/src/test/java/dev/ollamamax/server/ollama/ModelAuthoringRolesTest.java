package dev.ollamamax.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.TestAccounts;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, pushing and uploading blobs are admin work: a plain user gets 403 and the node sees nothing. */
class ModelAuthoringRolesTest {

    @TempDir
    Path home;

    @Test
    void aPlainUserCannotCreatePushOrUploadBlobsAndTheNodeNeverSeesTheRequest() {
        String digest = "sha256:" + "0".repeat(64);
        try (FakeOllama node = FakeOllama.start().model("llama3.2:1b");
             TestGateway gw = TestGateway.start(home, Map.of(Setting.AUTH_ENABLED, "true"), node)) {
            String user = TestAccounts.bearer(TestAccounts.user(gw.gateway(), "author-" + UUID.randomUUID().toString().substring(0, 8),
                    "correct horse battery"));
            String[][] calls = {
                    {"POST", "/api/create", "{\"model\":\"mine\",\"from\":\"llama3.2:1b\"}"},
                    {"POST", "/api/push", "{\"model\":\"llama3.2:1b\"}"},
                    {"HEAD", "/api/blobs/" + digest, null},
                    {"POST", "/api/blobs/" + digest, "blob bytes"}};
            for (String[] c : calls) {
                HttpResponse<String> res = gw.send(HttpRequest.newBuilder(gw.uri(c[1])).header("Authorization", user)
                        .method(c[0], c[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c[2])));
                assertThat(res.statusCode()).as(c[0] + " " + c[1]).isEqualTo(403);
            }
            assertThat(node.requests()).noneMatch(r -> r.path().equals("/api/create") || r.path().equals("/api/push")
                    || r.path().startsWith("/api/blobs/"));
        }
    }
}
