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
 * the model ({@code keep_alive 0} unloads it), as Ollama does. A chat with {@code think: true} to a model with
 * {@link FakeModel#thinking()} tokens streams them as {@code message.thinking} (content empty) before the answer;
 * to a model without, it is refused with 400 "does not support thinking". {@code messages[].images} must be
 * base64 (else 400, as Ollama's JSON decoding of {@code []byte} refuses it); their count adds to
 * {@code prompt_eval_count}. {@code logprobs}/{@code top_logprobs} are answered from version 0.12.11 on
 * ({@link Answer}).
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
            loadOrUnload(exchange, kind, name, request.get("keep_alive"), request);
            return;
        }
        boolean think = kind == Kind.CHAT && request.path("think").asBoolean(false);
        if (think && found.get().model().thinking().isEmpty()) {
            exchange.json(400, Bodies.error(json, "\"" + name + "\" does not support thinking"));
            return;
        }
        int images = kind == Kind.CHAT ? images(request) : 0;
        Optional<Failure> failure = state.takeFailure();
        if (failure.isPresent() && failure.get().beforeFirstToken()) {
            FailureResponses.beforeFirstToken(exchange, failure.get(), json);
            return;
        }
        state.inFlight().incrementAndGet();
        try {
            state.markLoaded(name, until(request.get("keep_alive")), numCtx(request));
            List<String> reply = found.get().model().reply();
            List<String> thoughts = think ? found.get().model().thinking() : List.of();
            Answer answer = new Answer(kind, name, start, System.nanoTime(), Bodies.words(input) + images,
                    limit < 0 || limit >= reply.size() ? reply : reply.subList(0, limit),
                    limit >= 0 && limit < reply.size() ? "length" : "stop", thoughts, logprobs(request));
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
        for (String thought : answer.thinking()) {
            FailureResponses.pause(delay);
            exchange.line(answer.thought(thought));
        }
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
        ObjectNode last = answer.last(String.join("", answer.tokens()), evalStart);
        if (!answer.thinking().isEmpty()) {
            ((ObjectNode) last.get("message")).put("thinking", String.join("", answer.thinking()));
        }
        exchange.json(200, last);
    }

    private void loadOrUnload(Exchange exchange, Kind kind, String name, JsonNode keepAlive, ObjectNode request) throws IOException {
        boolean unload = keepAlive != null && (keepAlive.isNumber() && keepAlive.asDouble() == 0
                || keepAlive.isTextual() && keepAlive.asText().matches("0+[smh]?"));
        if (unload) {
            state.unload(name);
        } else {
            state.markLoaded(name, until(keepAlive), numCtx(request));
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
     * When a model loaded with this {@code keep_alive} unloads: seconds (a number) or a duration ("10m", "1h",
     * "30s"); negative keeps it loaded for good (Ollama then reports a date centuries ahead); absent: five minutes.
     */
    static Instant until(JsonNode keepAlive) {
        Instant now = Instant.now();
        if (keepAlive == null || keepAlive.isNull()) {
            return now.plus(InfoHandlers.KEEP_ALIVE);
        }
        double seconds;
        if (keepAlive.isNumber()) {
            seconds = keepAlive.asDouble();
        } else {
            String t = keepAlive.asText().strip();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?[0-9.]+)([smh]?)").matcher(t);
            if (!m.matches()) {
                throw new Bodies.BadRequest("time: invalid duration \"" + t + "\"");
            }
            seconds = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                case "m" -> 60;
                case "h" -> 3600;
                default -> 1;
            };
        }
        return seconds < 0 ? now.plus(Duration.ofDays(365L * 292)) : now.plusMillis((long) (seconds * 1000));
    }

    private static int numCtx(ObjectNode request) {
        JsonNode n = request.path("options").path("num_ctx");
        return n.canConvertToInt() ? n.asInt() : 0;
    }

    /** How many images the messages carry; 400 when one is not base64. */
    private static int images(ObjectNode request) {
        int count = 0;
        for (JsonNode message : request.path("messages")) {
            for (JsonNode image : message.path("images")) {
                try {
                    java.util.Base64.getDecoder().decode(image.asText());
                } catch (IllegalArgumentException e) {
                    throw new Bodies.BadRequest("illegal base64 data in image");
                }
                count++;
            }
        }
        return count;
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
                          String doneReason, List<String> thinking, int topLogprobs) {

        ObjectNode chunk(int i) {
            ObjectNode line = content(base(), tokens.get(i)).put("done", false);
            if (topLogprobs >= 0) {
                line.putArray("logprobs").add(logprob(i));
            }
            return line;
        }

        ObjectNode thought(String token) {
            ObjectNode node = content(base(), "");
            ((ObjectNode) node.get("message")).put("thinking", token);
            return node.put("done", false);
        }

        ObjectNode last(String text, long evalStart) {
            long end = System.nanoTime();
            ObjectNode line = content(base(), text).put("done_reason", doneReason).put("done", true)
                    .put("total_duration", end - start)
                    .put("load_duration", loaded - start)
                    .put("prompt_eval_count", promptWords)
                    .put("prompt_eval_duration", evalStart - loaded)
                    .put("eval_count", tokens.size() + thinking.size())
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
