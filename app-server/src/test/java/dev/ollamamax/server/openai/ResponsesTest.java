package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.RecordedRequest;
import dev.ollamamax.server.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/responses}: the stateless Responses API on Ollama {@code /api/chat}, whole and as SSE events. */
class ResponsesTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        node = FakeOllama.start().reply("llama3", List.of("Hi", " there", "!"));
        gw = TestGateway.start(home, node);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    @Test
    void answersWholeWithTheOutputMessageAndUsage() throws Exception {
        node.clearRequests();
        HttpResponse<String> res = gw.post("/v1/responses", """
                {"model":"llama3","instructions":"Be brief","input":"say hi now","temperature":0.2}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-OllamaMax-Node")).isPresent();
        JsonNode body = gw.json(res);
        assertThat(body.path("id").asText()).startsWith("resp_");
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("status").asText()).isEqualTo("completed");
        assertThat(body.path("model").asText()).isEqualTo("llama3");
        assertThat(body.path("instructions").asText()).isEqualTo("Be brief");
        JsonNode message = body.path("output").get(0);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("output_text");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hi there!");
        assertThat(body.path("usage").path("input_tokens").asInt()).isEqualTo(5); // the fake counts words
        assertThat(body.path("usage").path("output_tokens").asInt()).isEqualTo(3);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(8);
        JsonNode sent = lastChat();
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("say hi now");
        assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.2);
    }

    @Test
    void saysIncompleteWhenMaxOutputTokensCutsTheAnswer() throws Exception {
        HttpResponse<String> res = gw.post("/v1/responses", """
                {"model":"llama3","input":"go","max_output_tokens":2}""");

        JsonNode body = gw.json(res);
        assertThat(body.path("status").asText()).isEqualTo("incomplete");
        assertThat(body.path("incomplete_details").path("reason").asText()).isEqualTo("max_output_tokens");
        assertThat(body.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Hi there");
        assertThat(lastChat().path("options").path("num_predict").asInt()).isEqualTo(2);
    }

    @Test
    void streamsResponsesEventsNamedByTheirTypeEndingWithCompleted() throws Exception {
        HttpResponse<InputStream> res = gw.postStreaming("/v1/responses", """
                {"model":"llama3","input":[{"role":"user","content":[{"type":"input_text","text":"hello"}]}],"stream":true}""");

        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String[]> events = namedEvents(res);
        List<String> types = events.stream().map(e -> e[0]).toList();
        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            JsonNode data = gw.json(events.get(i)[1]);
            assertThat(data.path("type").asText()).isEqualTo(events.get(i)[0]);
            assertThat(data.path("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode completed = gw.json(events.getLast()[1]).path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Hi there!");
        assertThat(completed.path("usage").path("output_tokens").asInt()).isEqualTo(3);
        assertThat(gw.json(events.get(4)[1]).path("delta").asText()).isEqualTo("Hi");
    }

    @Test
    void sendsFunctionCallsAndTheirOutputsAsOllamaToolMessages() throws Exception {
        HttpResponse<String> res = gw.post("/v1/responses", """
                {"model":"llama3","tools":[{"type":"function","name":"weather","description":"Weather now",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "input":[{"type":"message","role":"user","content":"weather in Oslo?"},
                          {"type":"function_call","call_id":"call_1","name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"},
                          {"type":"function_call_output","call_id":"call_1","output":"-3 C"}]}""");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode sent = lastChat();
        assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("weather");
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").path("city").asText()).isEqualTo("Oslo");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_name").asText()).isEqualTo("weather");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("-3 C");
    }

    @Test
    void refusesStatefulRequestsAndHostedToolsNamingTheParameter() throws Exception {
        for (String[] c : new String[][] {
                {"{\"model\":\"llama3\",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}", "previous_response_id"},
                {"{\"model\":\"llama3\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}", "tools[0]"},
                {"{\"model\":\"llama3\",\"input\":\"hi\",\"background\":true}", "background"},
                {"{\"model\":\"llama3\"}", "input"}}) {
            HttpResponse<String> res = gw.post("/v1/responses", c[0]);
            assertThat(res.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(gw.json(res).path("error").path("param").asText()).isEqualTo(c[1]);
        }
    }

    @Test
    void endsAStreamWhoseNodeFailsWithAnErrorEvent() throws Exception {
        node.failNext(Failure.ERROR_LINE_AFTER_FIRST_TOKEN);
        HttpResponse<InputStream> res = gw.postStreaming("/v1/responses", """
                {"model":"llama3","input":"hi","stream":true}""");

        List<String[]> events = namedEvents(res);
        assertThat(events.getLast()[0]).isEqualTo("error");
        assertThat(gw.json(events.getLast()[1]).path("message").asText()).contains("failed mid-answer");
        assertThat(events).noneMatch(e -> e[0].equals("response.completed"));
    }

    /** (event name, data) pairs of an SSE stream; fails on a {@code [DONE]} marker, which this API does not send. */
    private static List<String[]> namedEvents(HttpResponse<InputStream> res) throws Exception {
        List<String[]> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertThat(line).isNotEqualTo("data: [DONE]");
                    events.add(new String[] {name, line.substring(6)});
                    name = null;
                }
            }
        }
        return events;
    }

    private JsonNode lastChat() {
        List<RecordedRequest> chats = node.requests().stream().filter(r -> r.path().equals("/api/chat")).toList();
        assertThat(chats).isNotEmpty();
        return chats.getLast().json();
    }
}
