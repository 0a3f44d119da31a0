package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's documented API, for tests: scripted models and
 * replies, real NDJSON streaming (each token its own flushed chunk, with {@link #tokenDelay} before each),
 * scripted {@link Failure}s, a request log, and stop/restart on the same port to play a node that dies and
 * comes back. Every configuration method may be called at any time, also while requests are running, and
 * returns this fake for chaining.
 *
 * <p>Rules of the fake, where Ollama's behaviour depends on a real model:
 * <ul>
 *   <li>a model answers every prompt with its {@link FakeModel#reply()} tokens;</li>
 *   <li>{@code prompt_eval_count} is the number of whitespace-separated words of the input (all message
 *       contents, or system + prompt); {@code eval_count} is the number of tokens sent; durations are
 *       measured;</li>
 *   <li>a name without a tag is the same model as {@code name:latest}; responses echo the name as sent;</li>
 *   <li>a model used by chat/generate/embed becomes loaded ({@code /api/ps}); {@link #stop()} unloads all;</li>
 *   <li>any method naming a model (except {@link #pullLayers}) installs it with the defaults if missing;</li>
 *   <li>the Host header must be {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any port), else 403
 *       with an empty body; a missing Host is refused too.</li>
 * </ul>
 */
public final class FakeOllama implements AutoCloseable {

    private final FakeState state = new FakeState();
    private final ObjectMapper json = new ObjectMapper();
    private final Router router = new Router(state, json);
    private int port;
    private LoopbackServer server;
    private boolean closed;

    private FakeOllama(int requestedPort) {
        new InfoHandlers(state, json).register(router);
        new GenerationHandlers(state, json).register(router);
        new EmbeddingHandlers(state, json).register(router);
        new ModelAdminHandlers(state, json).register(router);
        new AuthoringHandlers(state, json).register(router);
        server = LoopbackServer.start(requestedPort, router, json);
        port = server.port();
    }

    /** Starts a fake on an ephemeral port of 127.0.0.1, with no models. */
    public static FakeOllama start() {
        return new FakeOllama(0);
    }

    /** Starts a fake on the given port of 127.0.0.1 (0 for an ephemeral one). */
    public static FakeOllama start(int port) {
        return new FakeOllama(port);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Installs a model with the defaults of {@link FakeModel#of}: it replies "Hello from &lt;name&gt;". */
    public FakeOllama model(String name) {
        state.ensure(name);
        return this;
    }

    /** Installs (or replaces) a model. */
    public FakeOllama model(FakeModel model) {
        state.install(model);
        return this;
    }

    /** The tokens the model answers with, streamed in order; installs the model if missing. */
    public FakeOllama reply(String model, List<String> tokens) {
        state.install(state.ensure(model).withReply(tokens));
        return this;
    }

    /**
     * Makes the model a reasoning model: a chat with {@code think: true} streams these tokens as
     * {@code message.thinking} before the answer; installs the model if missing.
     */
    public FakeOllama thinking(String model, List<String> tokens) {
        state.install(state.ensure(model).withThinking(tokens));
        return this;
    }

    /** The pause before each streamed token (default zero); also used between pull progress lines. */
    public FakeOllama tokenDelay(Duration delay) {
        state.tokenDelay(delay);
        return this;
    }

    /** Exactly these models are loaded, as {@code /api/ps} reports; installs any that are missing. */
    public FakeOllama loaded(String... models) {
        state.setLoaded(List.of(models));
        return this;
    }

    /** The next model request (chat, generate, embed, embeddings) fails this way; calls queue up. */
    public FakeOllama failNext(Failure failure) {
        state.failNext(failure);
        return this;
    }

    /** Every model request fails this way until {@link #clearFailures()} (queued {@link #failNext} go first). */
    public FakeOllama failAlways(Failure failure) {
        state.failAlways(failure);
        return this;
    }

    public FakeOllama clearFailures() {
        state.clearFailures();
        return this;
    }

    /** What {@code /api/version} reports (default {@code 0.12.3}). */
    public FakeOllama version(String version) {
        state.version(version);
        return this;
    }

    /** Makes the model pullable: {@code /api/pull} streams progress for layers of these sizes, then installs it. */
    public FakeOllama pullLayers(String model, long... layerSizes) {
        state.pullPlan(model, layerSizes);
        return this;
    }

    /** Whether a blob of this digest ({@code sha256:…}) was uploaded to this node. */
    public boolean hasBlob(String digest) {
        return state.hasBlob(digest);
    }

    /** The requests received so far (the newest 10,000), oldest first, including refused ones. */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /**
     * The bodies of the {@code /api/chat} requests received so far, oldest first: what the node was sent
     * ({@code messages[].images}, {@code think}, {@code options}).
     */
    public List<com.fasterxml.jackson.databind.JsonNode> chats() {
        return requests().stream().filter(r -> r.path().equals("/api/chat") && r.method().equals("POST"))
                .map(RecordedRequest::json).toList();
    }

    public FakeOllama clearRequests() {
        state.clearRequests();
        return this;
    }

    /** How many streamed pulls ended because the client went away (their model was not installed). */
    public int pullsCut() {
        return state.pullsCut().get();
    }

    /**
     * Model requests (chat, generate, embed, embeddings) being answered right now: streaming, waiting
     * between tokens, or hanging. A request whose client disconnects ends at the fake's next write, or at
     * once when it hangs.
     */
    public int inFlight() {
        return state.inFlight().get();
    }

    /**
     * Stops listening and cuts every open connection, hanging ones included, like a node that dies; the
     * port is free afterwards and all models are unloaded. Idempotent.
     */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
            state.unloadAll();
        }
    }

    /** Listens again on the same port, with the same models and settings (stopping first if running). */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this FakeOllama is closed");
        }
        stop();
        server = LoopbackServer.start(port, router, json);
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    @Override
    public String toString() {
        return "FakeOllama[" + url() + (running() ? "" : ", stopped") + "]";
    }
}
