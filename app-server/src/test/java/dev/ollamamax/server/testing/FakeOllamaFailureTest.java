package dev.ollamamax.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOllamaFailureTest {

    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final FakeOllama fake = FakeOllama.start().model("m");
    private final FakeOllamaHttp http = new FakeOllamaHttp(fake.url());

    @AfterEach
    void tearDown() {
        http.close();
        fake.close();
    }

    @Test
    void status500BeforeFirstTokenIsAnErrorObject() throws Exception {
        fake.failNext(Failure.STATUS_500_BEFORE_FIRST_TOKEN);

        HttpResponse<String> response = http.post("/api/chat", CHAT);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(http.json(response.body()).get("error").asText()).isNotBlank();
    }

    @Test
    void busyIs503WithOllamasMessage() throws Exception {
        fake.failNext(Failure.STATUS_503_BUSY);

        HttpResponse<String> response = http.post("/api/generate", "{\"model\":\"m\",\"prompt\":\"hi\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(http.json(response.body()).get("error").asText())
                .isEqualTo("server busy, please try again.  maximum pending requests exceeded");
    }

    @Test
    void cutBeforeFirstTokenGivesTheClientAnIOException() {
        fake.failNext(Failure.CUT_BEFORE_FIRST_TOKEN);

        assertThatThrownBy(() -> http.post("/api/chat", CHAT)).isInstanceOf(IOException.class);
    }

    @Test
    void errorLineAfterFirstTokenEndsA200Stream() throws Exception {
        fake.failNext(Failure.ERROR_LINE_AFTER_FIRST_TOKEN);

        HttpResponse<String> response = http.post("/api/chat", CHAT);
        List<JsonNode> lines = response.body().lines().map(http::json).toList();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("message").get("content").asText()).isEqualTo("Hello");
        assertThat(lines.get(1).get("error").asText()).isNotBlank();
    }

    @Test
    void cutAfterFirstTokenDeliversOneLineThenAnIOException() throws Exception {
        fake.failNext(Failure.CUT_AFTER_FIRST_TOKEN);

        HttpResponse<InputStream> response = http.postStreaming("/api/chat", CHAT);
        try (BufferedReader reader = FakeOllamaHttp.lines(response)) {
            assertThat(http.json(reader.readLine()).get("message").get("content").asText()).isEqualTo("Hello");
            assertThatThrownBy(reader::readLine).isInstanceOf(IOException.class);
        }
    }

    @Test
    void hangAfterFirstTokenSendsNothingMoreUntilStopCutsIt() throws Exception {
        fake.failNext(Failure.HANG_AFTER_FIRST_TOKEN);

        HttpResponse<InputStream> response = http.postStreaming("/api/chat", CHAT);
        try (BufferedReader reader = FakeOllamaHttp.lines(response)) {
            assertThat(http.json(reader.readLine()).get("done").asBoolean()).isFalse();
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return "IOException";
                }
            });
            assertThat(fake.inFlight()).isEqualTo(1);
            assertThat(next).isNotDone();

            fake.stop();

            assertThat(next.get()).isEqualTo("IOException");
            assertThat(fake.inFlight()).isZero();
        }
    }

    @Test
    void aHangEndsWhenTheClientHangsUp() throws Exception {
        fake.failNext(Failure.HANG_AFTER_FIRST_TOKEN);

        try (Socket socket = new Socket(fake.url().getHost(), fake.port())) {
            socket.getOutputStream().write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + CHAT.length() + "\r\n\r\n" + CHAT).getBytes(StandardCharsets.UTF_8));
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            while (!line.contains("\"Hello\"")) {
                line = reader.readLine();
            }
            assertThat(fake.inFlight()).isEqualTo(1);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (fake.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fake.inFlight()).isZero();
        assertThat(fake.running()).isTrue();
    }

    @Test
    void failNextFailsOnlyOnceWhileFailAlwaysLastsUntilCleared() throws Exception {
        fake.failNext(Failure.STATUS_503_BUSY);
        assertThat(http.post("/api/chat", CHAT).statusCode()).isEqualTo(503);
        assertThat(http.post("/api/chat", CHAT).statusCode()).isEqualTo(200);

        fake.failAlways(Failure.STATUS_500_BEFORE_FIRST_TOKEN);
        assertThat(http.post("/api/chat", CHAT).statusCode()).isEqualTo(500);
        assertThat(http.post("/api/embed", "{\"model\":\"m\",\"input\":\"x\"}").statusCode()).isEqualTo(500);

        fake.clearFailures();
        assertThat(http.post("/api/chat", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void unstreamedRequestsSeeLateFailuresAsA500OrACut() throws Exception {
        String whole = "{\"model\":\"m\",\"stream\":false,\"prompt\":\"hi\"}";
        fake.failNext(Failure.ERROR_LINE_AFTER_FIRST_TOKEN).failNext(Failure.CUT_AFTER_FIRST_TOKEN);

        assertThat(http.post("/api/generate", whole).statusCode()).isEqualTo(500);
        assertThatThrownBy(() -> http.post("/api/generate", whole)).isInstanceOf(IOException.class);
        assertThat(http.post("/api/generate", whole).statusCode()).isEqualTo(200);
    }
}
