package dev.ollamamax.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChunkFactoryTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ChunkFactory chunks = ChunkFactory.chat(json,
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), "llama3", false);

    @Test
    void mapsOllamaToolCallsToOpenAiWithStringArgumentsIdsAndIndexes() throws Exception {
        JsonNode ollama = json.readTree("""
                [{"function":{"name":"weather","arguments":{"city":"Paris"}}},
                 {"id":"call_x","function":{"name":"time","arguments":{}}}]""");

        JsonNode calls = chunks.toolCalls(ollama, 2, true);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("index").asInt()).isEqualTo(2);
        assertThat(calls.get(0).path("id").asText()).startsWith("call_");
        assertThat(calls.get(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("weather");
        assertThat(json.readTree(calls.get(0).path("function").path("arguments").asText()).path("city").asText()).isEqualTo("Paris");
        assertThat(calls.get(1).path("index").asInt()).isEqualTo(3);
        assertThat(calls.get(1).path("id").asText()).isEqualTo("call_x");
        assertThat(chunks.toolCalls(ollama, 0, false).get(0).has("index")).isFalse();
    }

    @Test
    void takesFinishReasonAndUsageFromTheFinalLine() throws Exception {
        JsonNode cut = json.readTree("""
                {"done":true,"done_reason":"length","prompt_eval_count":11,"eval_count":5}""");
        JsonNode stopped = json.readTree("""
                {"done":true,"done_reason":"stop"}""");

        assertThat(ChunkFactory.finishReason(cut, true)).isEqualTo("length");
        assertThat(ChunkFactory.finishReason(stopped, true)).isEqualTo("tool_calls");
        assertThat(ChunkFactory.finishReason(stopped, false)).isEqualTo("stop");
        assertThat(chunks.usage(cut).toString()).isEqualTo("{\"prompt_tokens\":11,\"completion_tokens\":5,\"total_tokens\":16}");
        assertThat(chunks.usage(stopped).path("total_tokens").asInt()).isZero();
        assertThat(chunks.envelope("chat.completion").path("created").asLong()).isEqualTo(1767323045L);
    }
}
