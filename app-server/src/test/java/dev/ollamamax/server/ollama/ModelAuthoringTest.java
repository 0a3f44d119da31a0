package dev.ollamamax.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ollama create}/{@code push} through the gateway: blobs, create from a model or blobs, push. */
class ModelAuthoringTest {

    @TempDir
    Path home;
    FakeOllama a;
    FakeOllama b;
    TestGateway gw;

    @BeforeEach
    void start() {
        a = FakeOllama.start().model("llama3.2:1b");
        b = FakeOllama.start().model("qwen2.5:0.5b");
        // request bodies are held to 64 KiB: blobs, streamed through, are not
        gw = TestGateway.start(home, Map.of(Setting.MAX_BODY_BYTES, "65536"), a, b);
    }

    @AfterEach
    void stop() {
        gw.close();
        a.close();
        b.close();
    }

    @Test
    void createFromAModelStreamsProgressFromTheNodeThatHasItAndTheModelIsListed() {
        HttpResponse<String> res = gw.post("/api/create", """
                {"model":"mario","from":"llama3.2:1b","system":"You are Mario from Super Mario Bros."}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("ndjson"));
        List<String> statuses = res.body().lines().map(l -> gw.json(l).path("status").asText()).toList();
        assertThat(statuses).contains("creating system layer").endsWith("success");
        assertThat(a.requests()).anyMatch(r -> r.path().equals("/api/create"));
        assertThat(b.requests()).noneMatch(r -> r.path().equals("/api/create"));
        gw.probe();
        assertThat(gw.get("/api/tags").body()).contains("\"mario:latest\"");
    }

    @Test
    void aBlobIsStreamedToTheChosenNodeFoundByHeadAndCreateGoesToTheNodeThatHoldsIt() throws Exception {
        byte[] gguf = new byte[300_000];
        new Random(7).nextBytes(gguf);
        String digest = digest(gguf);
        String nodeB = "127.0.0.1:" + b.port();

        HttpResponse<String> head = send("HEAD", "/api/blobs/" + digest, null);
        HttpResponse<String> upload = send("POST", "/api/blobs/" + digest + "?node=" + nodeB,
                HttpRequest.BodyPublishers.ofByteArray(gguf));
        HttpResponse<String> headAgain = send("HEAD", "/api/blobs/" + digest, null);
        HttpResponse<String> create = gw.post("/api/create",
                "{\"model\":\"my-gguf\",\"files\":{\"model.gguf\":\"" + digest + "\"},\"stream\":false}");

        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(b.hasBlob(digest)).isTrue();
        assertThat(a.hasBlob(digest)).isFalse();
        assertThat(headAgain.statusCode()).isEqualTo(200);
        assertThat(headAgain.headers().firstValue("X-OllamaMax-Node")).hasValue(nodeB);
        assertThat(gw.json(create.body()).path("status").asText()).isEqualTo("success");
        assertThat(b.requests()).anyMatch(r -> r.path().equals("/api/create"));
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/create"));
    }

    @Test
    void aChunkedUploadOfUnknownLengthIsStreamedToo() throws Exception {
        byte[] blob = new byte[200_000];
        new Random(9).nextBytes(blob);
        String digest = digest(blob);

        HttpResponse<String> upload = send("POST", "/api/blobs/" + digest,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(blob)));

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(a.hasBlob(digest) || b.hasBlob(digest)).isTrue();
    }

    @Test
    void aBlobWhoseDigestDoesNotMatchNeverReachesTheNodeComplete() throws Exception {
        byte[] blob = new byte[150_000];
        new Random(11).nextBytes(blob);
        String claimed = digest("something else".getBytes());

        HttpResponse<String> upload = send("POST", "/api/blobs/" + claimed, HttpRequest.BodyPublishers.ofByteArray(blob));

        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(gw.json(upload.body()).path("error").asText()).contains("digest mismatch");
        assertThat(a.hasBlob(claimed) || b.hasBlob(claimed)).isFalse();
        assertThat(a.requests().stream().map(r -> r.path()).toList()).doesNotContain("/api/blobs/" + claimed);
        assertThat(b.requests().stream().map(r -> r.path()).toList()).doesNotContain("/api/blobs/" + claimed);
    }

    @Test
    void bodiesOtherThanBlobsAreHeldToMaxBodyBytesDeclaredOrChunked() {
        String big = "{\"model\":\"llama3.2:1b\",\"prompt\":\"" + "x".repeat(100_000) + "\"}";

        HttpResponse<String> declared = gw.post("/api/generate", big);
        HttpResponse<String> chunked = send("POST", "/api/generate",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/generate"));
    }

    @Test
    void pushStreamsStatusFromANodeThatHasTheModel() {
        HttpResponse<String> res = gw.post("/api/push", "{\"model\":\"qwen2.5:0.5b\"}");

        assertThat(res.statusCode()).isEqualTo(200);
        List<JsonNode> lines = res.body().lines().map(gw::json).toList();
        assertThat(lines.getFirst().path("status").asText()).isEqualTo("retrieving manifest");
        assertThat(lines).anyMatch(l -> l.path("total").asLong() > 0 && l.path("completed").asLong() == l.path("total").asLong());
        assertThat(lines.getLast().path("status").asText()).isEqualTo("success");
        assertThat(b.requests()).anyMatch(r -> r.path().equals("/api/push"));
    }

    @Test
    void createFromAModelNoNodeHasIsA404NamingIt() {
        HttpResponse<String> res = gw.post("/api/create", "{\"model\":\"x\",\"from\":\"nothere:1b\"}");

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(res.body()).contains("nothere:1b");
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) {
        return gw.send(HttpRequest.newBuilder(gw.uri(path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body));
    }

    private static String digest(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
