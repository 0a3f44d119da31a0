package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SseEvents;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatFailuresTest {

    private static final String STREAM = """
            {"model":"llama3","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    @TempDir
    Path home;

    @org.junit.jupiter.api.Test
    void aNodeThatReadTheRequestAndCutIsNotRetriedElsewhere() throws Exception {
        // the node had the whole request before it hung up: it may have processed it, so it is not sent twice
        try (FakeOllama first = FakeOllama.start().reply("llama3", List.of("from", " first")).loaded("llama3");
             FakeOllama second = FakeOllama.start().reply("llama3", List.of("from", " second"));
             TestGateway gw = TestGateway.start(home, first, second)) {
            first.failNext(Failure.CUT_BEFORE_FIRST_TOKEN);

            HttpResponse<String> res = gw.post("/v1/chat/completions", STREAM);

            assertThat(res.statusCode()).isEqualTo(502);
            assertThat(gw.json(res.body()).path("error").path("code").asText()).isEqualTo("upstream_error");
            assertThat(second.requests()).noneMatch(r -> r.path().equals("/api/chat"));
            // the cooled-down node is skipped by the next request
            assertThat(gw.post("/v1/chat/completions", STREAM).body()).contains("second");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"STATUS_500_BEFORE_FIRST_TOKEN", "STATUS_503_BUSY"})
    void failsOverToTheNextNodeBeforeTheFirstToken(Failure failure) throws Exception {
        // the node that has the model loaded is tried first
        try (FakeOllama first = FakeOllama.start().reply("llama3", List.of("from", " first")).loaded("llama3");
             FakeOllama second = FakeOllama.start().reply("llama3", List.of("from", " second"));
             TestGateway gw = TestGateway.start(home, first, second)) {
            first.failNext(failure);

            HttpResponse<String> res = gw.post("/v1/chat/completions", STREAM);

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"content\":\"from\"").contains("second").endsWith("data: [DONE]\n\n");
            assertThat(first.requests()).anyMatch(r -> r.path().equals("/api/chat"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"ERROR_LINE_AFTER_FIRST_TOKEN", "CUT_AFTER_FIRST_TOKEN", "HANG_AFTER_FIRST_TOKEN"})
    void endsTheStreamWithAnErrorEventWhenTheNodeFailsMidAnswer(Failure failure) throws Exception {
        try (FakeOllama node = FakeOllama.start().reply("llama3", List.of("partial", " answer", " more"));
             TestGateway gw = TestGateway.start(home, Map.of(Setting.STREAM_IDLE_TIMEOUT_MS, "1000"), node)) {
            node.failNext(failure);

            HttpResponse<InputStream> res = gw.postStreaming("/v1/chat/completions", STREAM);

            assertThat(res.statusCode()).isEqualTo(200);
            List<String> events = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (SseEvents e = SseEvents.of(res)) {
                    return e.rest();
                }
            }, "the stream must end, not hang");
            assertThat(events).hasSize(3);
            assertThat(gw.json(events.get(1)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("partial");
            JsonNode error = gw.json(events.get(2)).path("error");
            assertThat(error.path("type").asText()).isEqualTo("api_error");
            assertThat(error.path("code").asText()).isEqualTo("upstream_error");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(events).doesNotContain("[DONE]");
        }
    }

    @Test
    void stopsReadingFromTheNodeWhenTheClientGoesAway() throws Exception {
        List<String> tokens = IntStream.range(0, 100).mapToObj(i -> " t" + i).toList();
        try (FakeOllama node = FakeOllama.start().reply("llama3", tokens).tokenDelay(Duration.ofMillis(100));
             TestGateway gw = TestGateway.start(home, node)) {
            try (Socket socket = new Socket(gw.uri("/").getHost(), gw.uri("/").getPort())) {
                byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                String seen = "";
                while (!seen.contains("t0")) {
                    byte[] buf = new byte[4096];
                    int n = in.read(buf);
                    assertThat(n).isPositive();
                    seen += new String(buf, 0, n, StandardCharsets.UTF_8);
                }
                assertThat(node.inFlight()).isEqualTo(1);
            }
            // 100 tokens take 10 s; the node's answer must stop long before that
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                while (node.inFlight() != 0) {
                    Thread.sleep(20);
                }
            });
        }
    }

    @Test
    void unknownModelIsNotFound() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            HttpResponse<String> res = gw.post("/v1/chat/completions", """
                    {"model":"missing:7b","messages":[{"role":"user","content":"hi"}]}""");

            assertThat(res.statusCode()).isEqualTo(404);
            JsonNode error = gw.json(res).path("error");
            assertThat(error.path("code").asText()).isEqualTo("model_not_found");
            assertThat(error.path("param").asText()).isEqualTo("model");
            assertThat(error.path("message").asText()).contains("missing:7b");
        }
    }

    @Test
    void noHealthyNodeIsServiceUnavailable() throws Exception {
        try (FakeOllama node = FakeOllama.start().model("llama3");
             TestGateway gw = TestGateway.start(home, node)) {
            node.stop();
            gw.probe();

            HttpResponse<String> res = gw.post("/v1/chat/completions", STREAM);

            assertThat(res.statusCode()).isEqualTo(503);
            JsonNode error = gw.json(res).path("error");
            assertThat(error.path("code").asText()).isEqualTo("no_healthy_node");
            assertThat(error.path("type").asText()).isEqualTo("api_error");
        }
    }
}
