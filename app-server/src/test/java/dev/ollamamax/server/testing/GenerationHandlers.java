package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/chat} and {@code POST /api/generate}: the model's scripted tokens, streamed as NDJSON
 * (one flushed chunk per token, {@link FakeState#tokenDelay()} before each) or sent whole after the same
 * total delay, then Ollama's final object with counts and measured durations. {@code options.num_predict}
 * cuts the answer short with {@code done_reason "length"}; an empty {@code messages}/{@code prompt} loads
 * the model ({@code keep_alive 0} unloads it), as Ollama does. {@code logprobs}/{@code top_logprobs} are
 * answered from version 0.12.11 on ({@link Answer}).
 */
final class GenerationHandlers {

    private enum Kind { CHAT, GENERATE }

    private final FakeState state;
    private final ObjectMapper json;

    GenerationHandlers(FakeState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    void register(Router router) {
        router.route("POST", "/api/chat", exchange -> generate(exchange, Kind.CHAT))
                .route("POST", "/api/generate", exchange -> generate(exchange, Kind.GENERATE));
    }

    private void generate(Exchange exchange, Kind kind) throws IOException {
        long start = System.nanoTime();
        ObjectNode request = Bodies.object(json, exchange.request().body());
        String name = Bodies.model(request);
        String input = kind == Kind.CHAT ? chatText(request)
                : Bodies.text(request, "system") + " " + Bodies.text(request, "prompt");
        int limit = numPredict(request);
        Optional<FakeState.Installed> found = state.find(name);
        if (found.isEmpty()) {
            exchange.json(404, Bodies.error(json, "model \"" + name + "\" not found, try pulling it first"));
            return;
        }
        boolean nothingToSay = kind == Kind.CHAT ? request.path("messages").isEmpty()
                : Bodies.text(request, "prompt").isEmpty();
        if (nothingToSay) {
            loadOrUnload(exchange, kind, name, request.get("keep_alive"));
            return;
        }
        Optional<Failure> failure = state.takeFailure();
        if (failure.isPresent() && failure.get().beforeFirstToken()) {
            FailureResponses.beforeFirstToken(exchange, failure.get(), json);
            return;
        }
        state.inFlight().incrementAndGet();
        try {
            state.markLoaded(name);
            List<String> reply = found.get().model().reply();
            Answer answer = new Answer(kind, name, start, System.nanoTime(), Bodies.words(input),
                    limit < 0 || limit >= reply.size() ? reply : reply.subList(0, limit),
                    limit >= 0 && limit < reply.size() ? "length" : "stop", logprobs(request));
            Failure late = failure.orElse(null);
            if (Bodies.stream(request)) {
                streamed(exchange, answer, late);
            } else {
                whole(exchange, answer, late);
            }
        } finally {
            state.inFlight().decrementAndGet();
        }
    }

    private void streamed(Exchange exchange, Answer answer, Failure late) throws IOException {
        Duration delay = state.tokenDelay();
        exchange.startStream();
        long evalStart = System.nanoTime();
        for (int i = 0; i < answer.tokens().size(); i++) {
            FailureResponses.pause(delay);
            exchange.line(answer.chunk(i));
            if (late != null) {
                FailureResponses.afterFirstLine(exchange, late, json);
                return;
            }
        }
        if (late != null) {
            FailureResponses.afterFirstLine(exchange, late, json);
            return;
        }
        exchange.line(answer.last("", evalStart));
        exchange.endStream();
    }

    private void whole(Exchange exchange, Answer answer, Failure late) throws IOException {
        Duration delay = state.tokenDelay();
        long evalStart = System.nanoTime();
        for (int i = 0; i < answer.tokens().size(); i++) {
            FailureResponses.pause(delay);
            if (late != null) {
                break;
            }
        }
        if (late != null) {
            FailureResponses.afterFirstTokenUnstreamed(exchange, late, json);
            return;
        }
        exchange.json(200, answer.last(String.join("", answer.tokens()), evalStart));
    }

    private void loadOrUnload(Exchange exchange, Kind kind, String name, JsonNode keepAlive) throws IOException {
        boolean unload = keepAlive != null && (keepAlive.isNumber() && keepAlive.asDouble() == 0
                || keepAlive.isTextual() && keepAlive.asText().matches("0+[smh]?"));
        if (unload) {
            state.unload(name);
        } else {
            state.markLoaded(name);
        }
        ObjectNode body = json.createObjectNode().put("model", name).put("created_at", Instant.now().toString());
        if (kind == Kind.CHAT) {
            body.putObject("message").put("role", "assistant").put("content", "");
        } else {
            body.put("response", "");
        }
        exchange.json(200, body.put("done_reason", unload ? "unload" : "load").put("done", true));
    }

    private static String chatText(ObjectNode request) {
        JsonNode messages = request.get("messages");
        if (messages == null || messages.isNull()) {
            return "";
        }
        if (!messages.isArray()) {
            throw new Bodies.BadRequest("messages must be an array of {role, content}");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw new Bodies.BadRequest("messages must be an array of {role, content}");
            }
            text.append(' ').append(Bodies.text((ObjectNode) message, "content"));
        }
        return text.toString();
    }

    /**
     * The number of top log probabilities asked for, -1 for none: {@code logprobs} is honoured from Ollama
     * 0.12.11 on, as in Ollama; an older fake ignores it like an older Ollama does.
     */
    private int logprobs(ObjectNode request) {
        if (!request.path("logprobs").asBoolean(false)
                || !dev.ollamamax.server.nodes.OllamaVersion.atLeast(Optional.of(state.version()), "0.12.11")) {
            return -1;
        }
        return request.path("top_logprobs").asInt(0);
    }

    private static int numPredict(ObjectNode request) {
        JsonNode options = request.get("options");
        if (options == null || options.isNull()) {
            return -1;
        }
        if (!options.isObject()) {
            throw new Bodies.BadRequest("options must be an object");
        }
        JsonNode numPredict = options.get("num_predict");
        if (numPredict == null || numPredict.isNull()) {
            return -1;
        }
        if (!numPredict.canConvertToInt()) {
            throw new Bodies.BadRequest("options.num_predict must be an integer");
        }
        return numPredict.asInt();
    }

    /**
     * One answer being produced: builds its token lines and its final line. With {@code topLogprobs >= 0}
     * every token carries Ollama's {@code logprobs} entry: token i has log probability {@code -(i+1)/10},
     * its top alternatives are the token itself and {@code alt1}, {@code alt2}, … each 1 lower.
     */
    private record Answer(Kind kind, String model, long start, long loaded, int promptWords, List<String> tokens,
                          String doneReason, int topLogprobs) {

        ObjectNode chunk(int i) {
            ObjectNode line = content(base(), tokens.get(i)).put("done", false);
            if (topLogprobs >= 0) {
                line.putArray("logprobs").add(logprob(i));
            }
            return line;
        }

        ObjectNode last(String text, long evalStart) {
            long end = System.nanoTime();
            ObjectNode line = content(base(), text).put("done_reason", doneReason).put("done", true)
                    .put("total_duration", end - start)
                    .put("load_duration", loaded - start)
                    .put("prompt_eval_count", promptWords)
                    .put("prompt_eval_duration", evalStart - loaded)
                    .put("eval_count", tokens.size())
                    .put("eval_duration", end - evalStart);
            if (topLogprobs >= 0 && !text.isEmpty()) {
                var all = line.putArray("logprobs");
                for (int i = 0; i < tokens.size(); i++) {
                    all.add(logprob(i));
                }
            }
            return line;
        }

        private ObjectNode logprob(int i) {
            double value = -(i + 1) / 10.0;
            ObjectNode entry = token(tokens.get(i), value);
            if (topLogprobs > 0) {
                var top = entry.putArray("top_logprobs");
                top.add(token(tokens.get(i), value));
                for (int k = 1; k < topLogprobs; k++) {
                    top.add(token("alt" + k, value - k));
                }
            }
            return entry;
        }

        private static ObjectNode token(String token, double logprob) {
            ObjectNode t = JsonNodeFactory.instance.objectNode().put("token", token).put("logprob", logprob);
            var bytes = t.putArray("bytes");
            for (byte b : token.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                bytes.add(b & 0xff);
            }
            return t;
        }

        private ObjectNode base() {
            return JsonNodeFactory.instance.objectNode()
                    .put("model", model).put("created_at", Instant.now().toString());
        }

        private ObjectNode content(ObjectNode node, String text) {
            if (kind == Kind.CHAT) {
                node.putObject("message").put("role", "assistant").put("content", text);
            } else {
                node.put("response", text);
            }
            return node;
        }
    }
}
