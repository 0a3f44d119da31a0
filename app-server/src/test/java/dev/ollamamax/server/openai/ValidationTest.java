package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad requests get OpenAI-shaped 400s that name the field at fault, and never reach a node. */
class ValidationTest {

    @TempDir
    static Path home;
    static FakeOllama node;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        node = FakeOllama.start().model("llama3");
        gw = TestGateway.start(home, node);
    }

    @AfterAll
    static void stop() {
        gw.close();
        node.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"messages":[{"role":"user","content":"hi"}]}                                   | model
            {"model":42,"messages":[{"role":"user","content":"hi"}]}                        | model
            {"model":"llama3"}                                                              | messages
            {"model":"llama3","messages":"hi"}                                              | messages
            {"model":"llama3","messages":[]}                                                | messages
            {"model":"llama3","messages":[{"role":"wizard","content":"hi"}]}                | messages[0].role
            {"model":"llama3","messages":[{"role":"user"}]}                                 | messages[0].content
            {"model":"llama3","messages":[{"role":"user","content":[{"type":"input_audio"}]}]} | messages[0].content[0].type
            {"model":"llama3","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]} | messages[0].content[0].image_url.url
            {"model":"llama3","temperature":"hot","messages":[{"role":"user","content":"hi"}]} | temperature
            {"model":"llama3","max_tokens":1.5,"messages":[{"role":"user","content":"hi"}]}   | max_tokens
            {"model":"llama3","stream":"yes","messages":[{"role":"user","content":"hi"}]}     | stream
            {"model":"llama3","stop":[1],"messages":[{"role":"user","content":"hi"}]}         | stop
            {"model":"llama3","n":2,"messages":[{"role":"user","content":"hi"}]}              | n
            {"model":"llama3","tool_choice":"required","tools":[],"messages":[{"role":"user","content":"hi"}]} | tool_choice
            {"model":"llama3","tools":[{"type":"retrieval"}],"messages":[{"role":"user","content":"hi"}]} | tools[0]
            {"model":"llama3","response_format":{"type":"yaml"},"messages":[{"role":"user","content":"hi"}]} | response_format.type
            {"model":"llama3","logprobs":true,"messages":[{"role":"user","content":"hi"}]}    | logprobs
            """)
    void refusesABadChatRequestNamingTheParam(String body, String param) throws Exception {
        int before = node.requests().size();

        HttpResponse<String> res = gw.post("/v1/chat/completions", body);

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = gw.json(res).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asText()).isEqualTo(param);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(node.requests().stream().skip(before)).noneMatch(r -> r.path().equals("/api/chat"));
    }

    @Test
    void explainsThatSeveralChoicesAreNotSupported() throws Exception {
        HttpResponse<String> res = gw.post("/v1/chat/completions", """
                {"model":"llama3","n":3,"messages":[{"role":"user","content":"hi"}]}""");

        assertThat(gw.json(res).path("error").path("message").asText()).contains("not supported");
    }

    @Test
    void answersAnUnknownPathOrMethodWithAnOpenAiNotFound() throws Exception {
        HttpResponse<String> path = gw.post("/v1/assistants", "{}");
        HttpResponse<String> method = gw.get("/v1/chat/completions");

        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(gw.json(path).path("error").path("message").asText()).contains("POST /v1/responses");
        assertThat(method.statusCode()).isEqualTo(404);
        assertThat(gw.json(method).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void refusesMalformedJson() throws Exception {
        HttpResponse<String> res = gw.post("/v1/chat/completions", "{\"model\": \"llama3\", ");

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = gw.json(res).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("not valid JSON");
    }
}
