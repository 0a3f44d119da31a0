package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.cache.AnswerCache;
import dev.ollamamax.server.cache.WholeAnswer;
import dev.ollamamax.server.errors.GatewayException;
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
import java.util.Set;

/** {@code POST /v1/completions} (legacy text completions): Ollama {@code /api/generate}, whole or as SSE. */
final class Completions {

    private static final String OBJECT = "text_completion";
    private static final KnownParameters KNOWN = new KnownParameters("/v1/completions", Set.of("model", "prompt", "suffix",
            "stream", "stream_options", "temperature", "top_p", "frequency_penalty", "presence_penalty", "seed", "stop",
            "max_tokens", "n", "best_of", "echo", "logprobs"));

    private final ObjectMapper json;
    private final Upstream upstream;
    private final ModelAliases aliases;
    private final Clock clock;
    private final AnswerCache answers;

    Completions(ObjectMapper json, Upstream upstream, ModelAliases aliases, Clock clock, AnswerCache answers) {
        this.answers = answers;
        this.json = json;
        this.upstream = upstream;
        this.aliases = aliases;
        this.clock = clock;
    }

    void handle(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JsonBodies.readObject(json, req);
        String model = OpenAiRequests.resolve(req, res, body, aliases);
        boolean stream = OpenAiRequests.stream(body);
        boolean includeUsage = OpenAiRequests.includeUsage(body);
        ObjectNode ollama = toOllama(body, model, stream);
        byte[] forward = json.writeValueAsBytes(ollama);
        ChunkFactory chunks = ChunkFactory.text(json, clock, model, stream && includeUsage);
        if (stream) {
            UpstreamCall call = UsageTicket.open(req, upstream, model, "/api/generate", forward, Optional.empty(),
                    Logprobs.need(ollama));
            SseRelay.relay(json, upstream, call, model, new TextStream(chunks, includeUsage), res);
            return;
        }
        WholeAnswer whole = answers.fetch(req, res, upstream, "/v1/completions", body, model, "/api/generate", forward,
                Optional.empty(), Logprobs.need(ollama));
        JsonNode answer = json.readTree(whole.line());
        ObjectNode out = chunks.envelope(OBJECT);
        ObjectNode choice = choice(answer.path("response").asText(""), ChunkFactory.finishReason(answer, false));
        choice.set("logprobs", Logprobs.completionChoice(json, answer, 0));
        out.putArray("choices").add(choice);
        out.set("usage", chunks.usage(answer));
        res.header(HeaderNames.create("X-OllamaMax-Node"), whole.node());
        JsonBodies.send(json, res, 200, out);
    }

    private ObjectNode toOllama(ObjectNode body, String model, boolean stream) {
        KNOWN.check(body);
        OpenAiRequests.singleChoice(body);
        OpenAiRequests.integer(body, "best_of").filter(n -> n > 1).ifPresent(n -> {
            throw GatewayException.badRequest("best_of > 1 is not supported by OllamaMax", "best_of");
        });
        OpenAiRequests.unsupportedWhenSet(body, "echo", "echo");
        ObjectNode out = json.createObjectNode();
        out.put("model", model);
        out.put("prompt", prompt(body));
        OpenAiRequests.present(body, "suffix").ifPresent(s -> {
            if (!s.isTextual()) {
                throw GatewayException.badRequest("The field 'suffix' must be a string", "suffix");
            }
            out.set("suffix", s);
        });
        out.put("stream", stream);
        ObjectNode options = OpenAiRequests.options(body, json.createObjectNode(), "max_tokens");
        if (!options.isEmpty()) {
            out.set("options", options);
        }
        Logprobs.completion(body, out);
        return out;
    }

    /** A string, or an array of one string; token arrays and batches are refused. */
    private static String prompt(ObjectNode body) {
        JsonNode p = OpenAiRequests.present(body, "prompt").orElseThrow(() ->
                GatewayException.badRequest("The field 'prompt' is required", "prompt"));
        if (p.isTextual()) {
            return p.asText();
        }
        if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            return p.get(0).asText();
        }
        if (p.isArray() && p.size() > 1 && p.get(0).isTextual()) {
            throw GatewayException.badRequest("Only one prompt per request is supported; send the prompts one by one", "prompt");
        }
        throw GatewayException.badRequest("The field 'prompt' must be a string (token arrays are not supported)", "prompt");
    }

    private ObjectNode choice(String text, String finishReason) {
        ObjectNode c = json.createObjectNode();
        c.put("text", text);
        c.put("index", 0);
        c.putNull("logprobs");
        c.put("finish_reason", finishReason);
        return c;
    }

    /** One {@code text} chunk per node line, then the finish reason and (when asked) usage. */
    private final class TextStream implements StreamTranslation {

        private final ChunkFactory chunks;
        private final boolean includeUsage;
        private int offset;

        TextStream(ChunkFactory chunks, boolean includeUsage) {
            this.chunks = chunks;
            this.includeUsage = includeUsage;
        }

        @Override
        public List<ObjectNode> opening() {
            return List.of();
        }

        @Override
        public List<ObjectNode> line(JsonNode line) {
            String text = line.path("response").asText("");
            JsonNode logprobs = Logprobs.completionChoice(chunks.json(), line, offset);
            offset += text.length();
            if (text.isEmpty() && logprobs.isNull()) {
                return List.of();
            }
            ObjectNode chunk = chunk(text, null);
            ((ObjectNode) chunk.path("choices").get(0)).set("logprobs", logprobs);
            return List.of(chunk);
        }

        @Override
        public List<ObjectNode> end(JsonNode finalLine) {
            List<ObjectNode> out = new ArrayList<>(line(finalLine));
            out.add(chunk("", ChunkFactory.finishReason(finalLine, false)));
            if (includeUsage) {
                out.add(chunks.usageChunk(OBJECT, finalLine));
            }
            return out;
        }

        private ObjectNode chunk(String text, String finishReason) {
            ObjectNode c = choice(text, finishReason);
            c.remove("index");
            return chunks.chunk(OBJECT, c);
        }
    }
}
