package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.cache.WholeAnswer;
import dev.ollamamax.server.http.JsonBodies;
import dev.ollamamax.server.nodes.ModelAliases;
import dev.ollamamax.server.nodes.Upstream;
import dev.ollamamax.server.nodes.UpstreamCall;
import dev.ollamamax.server.usage.UsageTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code POST /v1/chat/completions}: Ollama {@code /api/chat} on the best node, whole or as SSE. */
final class ChatCompletions {

    private static final String CHUNK = "chat.completion.chunk";

    private final ObjectMapper json;
    private final Upstream upstream;
    private final ModelAliases aliases;
    private final Clock clock;
    private final ChatTranslation translation;
    private final AnswerCache answers;

    ChatCompletions(ObjectMapper json, Upstream upstream, ModelAliases aliases, Clock clock, AnswerCache answers) {
        this.answers = answers;
        this.json = json;
        this.upstream = upstream;
        this.aliases = aliases;
        this.clock = clock;
        this.translation = new ChatTranslation(json);
    }

    void handle(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = OpenAiRequests.resolve(req, res, body, aliases);
        boolean stream = OpenAiRequests.stream(body);
        boolean includeUsage = OpenAiRequests.includeUsage(body);
        ObjectNode ollama = translation.toOllama(body, model, stream);
        byte[] forward = json.writeValueAsBytes(ollama);
        ChunkFactory chunks = ChunkFactory.chat(json, clock, model, stream && includeUsage);
        if (stream) {
            UpstreamCall call = UsageTicket.open(req, upstream, model, "/api/chat", forward, Optional.empty(),
                    Logprobs.need(ollama));
            SseRelay.relay(json, upstream, call, model, new ChatStream(chunks, includeUsage), res);
        } else {
            whole(answers.fetch(req, res, upstream, "/v1/chat/completions", body, model, "/api/chat", forward,
                    Optional.empty(), Logprobs.need(ollama)), chunks, res);
        }
    }

    private void whole(WholeAnswer whole, ChunkFactory chunks, ServerResponse res) throws Exception {
        JsonNode answer = json.readTree(whole.line());
        JsonNode message = answer.path("message");
        boolean tools = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
        ObjectNode out = chunks.envelope("chat.completion");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        String content = message.path("content").asText("");
        if (tools && content.isEmpty()) {
            m.putNull("content");
        } else {
            m.put("content", content);
        }
        if (!message.path("thinking").asText("").isEmpty()) {
            m.put("reasoning", message.path("thinking").asText());
        }
        if (tools) {
            m.set("tool_calls", chunks.toolCalls(message.path("tool_calls"), 0, false));
        }
        choice.set("logprobs", Logprobs.chatChoice(json, answer));
        choice.put("finish_reason", ChunkFactory.finishReason(answer, tools));
        out.set("usage", chunks.usage(answer));
        res.header(HeaderNames.create("X-OllamaMax-Node"), whole.node());
        JsonBodies.send(json, res, 200, out);
    }

    /** Role first, then one {@code delta} per node line, then the finish reason and (when asked) usage. */
    private static final class ChatStream implements StreamTranslation {

        private final ChunkFactory chunks;
        private final boolean includeUsage;
        private int toolCalls;

        ChatStream(ChunkFactory chunks, boolean includeUsage) {
            this.chunks = chunks;
            this.includeUsage = includeUsage;
        }

        @Override
        public List<ObjectNode> opening() {
            ObjectNode delta = chunks.json().createObjectNode().put("role", "assistant").put("content", "");
            return List.of(chunk(delta, null));
        }

        @Override
        public List<ObjectNode> line(JsonNode line) {
            ObjectNode delta = delta(line.path("message"));
            JsonNode logprobs = Logprobs.chatChoice(chunks.json(), line);
            if (delta.isEmpty() && logprobs.isNull()) {
                return List.of();
            }
            ObjectNode chunk = chunk(delta, null);
            ((ObjectNode) chunk.path("choices").get(0)).set("logprobs", logprobs);
            return List.of(chunk);
        }

        @Override
        public List<ObjectNode> end(JsonNode finalLine) {
            List<ObjectNode> out = new ArrayList<>(line(finalLine));
            out.add(chunk(chunks.json().createObjectNode(), ChunkFactory.finishReason(finalLine, toolCalls > 0)));
            if (includeUsage) {
                out.add(chunks.usageChunk(CHUNK, finalLine));
            }
            return out;
        }

        private ObjectNode delta(JsonNode message) {
            ObjectNode delta = chunks.json().createObjectNode();
            String content = message.path("content").asText("");
            if (!content.isEmpty()) {
                delta.put("content", content);
            }
            String thinking = message.path("thinking").asText("");
            if (!thinking.isEmpty()) {
                delta.put("reasoning", thinking);
            }
            JsonNode calls = message.path("tool_calls");
            if (calls.isArray() && !calls.isEmpty()) {
                delta.set("tool_calls", chunks.toolCalls(calls, toolCalls, true));
                toolCalls += calls.size();
            }
            return delta;
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason) {
            ObjectNode choice = chunks.json().createObjectNode();
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            return chunks.chunk(CHUNK, choice);
        }
    }
}
