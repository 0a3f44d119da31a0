package dev.ollamamax.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a fake node knows, shared by the handlers and the test that drives it: installed and
 * loaded models, pull plans, scripted failures, version, token delay and the request log. It survives
 * {@link FakeOllama#stop()}/{@link FakeOllama#restart()}, except the loaded models (a restarted Ollama
 * has nothing in memory). Model names are keyed by their full name ({@code name:latest}).
 */
final class FakeState {

    /** An installed model, when it was installed ({@code modified_at}) and its manifest digest. */
    record Installed(FakeModel model, Instant modifiedAt, String digest) {

        static Installed now(FakeModel model) {
            return new Installed(model, Instant.now(), Bodies.sha256("model:" + model.fullName()));
        }
    }

    private final Map<String, Installed> models = new LinkedHashMap<>();
    private final Set<String> loaded = new LinkedHashSet<>();
    /** When each loaded model unloads ({@code /api/ps} expires_at) and its context length, as the last load asked. */
    private final java.util.Map<String, Instant> expires = new java.util.HashMap<>();
    private final java.util.Map<String, Integer> contexts = new java.util.HashMap<>();
    private final Map<String, long[]> pullPlans = new LinkedHashMap<>();
    /** Uploaded blobs: digest ({@code sha256:…}) to size. */
    private final Map<String, Long> blobs = new LinkedHashMap<>();
    private final Deque<Failure> nextFailures = new ArrayDeque<>();
    /** The request log keeps the newest entries only, so a long benchmark cannot fill the heap. */
    static final int MAX_RECORDED = 10_000;

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pullsCut = new AtomicInteger();
    private Failure alwaysFailure;
    private Duration tokenDelay = Duration.ZERO;
    private String version = "0.12.3";

    synchronized void install(FakeModel model) {
        Installed previous = models.get(model.fullName());
        models.put(model.fullName(), previous == null ? Installed.now(model)
                : new Installed(model, previous.modifiedAt(), previous.digest()));
    }

    /** The model, installing it with the defaults first when it is not there. */
    synchronized FakeModel ensure(String name) {
        return models.computeIfAbsent(FakeModel.fullName(name), k -> Installed.now(FakeModel.of(name)))
                .model();
    }

    synchronized Optional<Installed> find(String name) {
        return Optional.ofNullable(models.get(FakeModel.fullName(name)));
    }

    synchronized List<Installed> installed() {
        return List.copyOf(models.values());
    }

    synchronized boolean remove(String name) {
        String key = FakeModel.fullName(name);
        loaded.remove(key);
        return models.remove(key) != null;
    }

    synchronized boolean copy(String source, String destination) {
        Installed from = models.get(FakeModel.fullName(source));
        if (from == null) {
            return false;
        }
        FakeModel copy = from.model().withName(destination);
        models.put(copy.fullName(), new Installed(copy, Instant.now(), from.digest()));
        return true;
    }

    synchronized void setLoaded(List<String> names) {
        loaded.clear();
        names.forEach(name -> loaded.add(ensure(name).fullName()));
    }

    synchronized void markLoaded(String name) {
        loaded.add(FakeModel.fullName(name));
    }

    /** Loaded until {@code until} (kept when null), with this context length (kept when 0). */
    synchronized void markLoaded(String name, Instant until, int contextLength) {
        String key = FakeModel.fullName(name);
        loaded.add(key);
        if (until != null) {
            expires.put(key, until);
        }
        if (contextLength > 0) {
            contexts.put(key, contextLength);
        }
    }

    /** When the model unloads: as its last load asked, else five minutes from now. */
    synchronized Instant expiresAt(String fullName, Instant fallback) {
        return expires.getOrDefault(fullName, fallback);
    }

    synchronized int contextLength(String fullName) {
        return contexts.getOrDefault(fullName, DEFAULT_CONTEXT);
    }

    static final int DEFAULT_CONTEXT = 4096;

    private void forget(String key) {
        expires.remove(key);
        contexts.remove(key);
    }

    synchronized void unload(String name) {
        loaded.remove(FakeModel.fullName(name));
        forget(FakeModel.fullName(name));
    }

    synchronized void unloadAll() {
        loaded.clear();
        expires.clear();
        contexts.clear();
    }

    synchronized List<Installed> loadedModels() {
        return loaded.stream().map(models::get).filter(Objects::nonNull).toList();
    }

    synchronized void pullPlan(String name, long[] layerSizes) {
        pullPlans.put(FakeModel.fullName(name), layerSizes.clone());
    }

    /** The layer sizes a pull of this model streams: its plan, or one layer for an installed model. */
    synchronized Optional<long[]> pullLayers(String name) {
        String key = FakeModel.fullName(name);
        long[] plan = pullPlans.get(key);
        if (plan != null) {
            return Optional.of(plan.clone());
        }
        Installed installed = models.get(key);
        return installed == null ? Optional.empty() : Optional.of(new long[] {installed.model().size()});
    }

    synchronized boolean hasBlob(String digest) {
        return blobs.containsKey(digest);
    }

    synchronized void addBlob(String digest, long size) {
        blobs.put(digest, size);
    }

    synchronized void failNext(Failure failure) {
        nextFailures.add(Objects.requireNonNull(failure));
    }

    synchronized void failAlways(Failure failure) {
        alwaysFailure = Objects.requireNonNull(failure);
    }

    synchronized void clearFailures() {
        nextFailures.clear();
        alwaysFailure = null;
    }

    /** Consumes the next one-shot failure, or else the permanent one. */
    synchronized Optional<Failure> takeFailure() {
        Failure next = nextFailures.poll();
        return Optional.ofNullable(next != null ? next : alwaysFailure);
    }

    synchronized void tokenDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a token delay cannot be negative: " + delay);
        }
        tokenDelay = delay;
    }

    synchronized Duration tokenDelay() {
        return tokenDelay;
    }

    synchronized void version(String newVersion) {
        version = Objects.requireNonNull(newVersion);
    }

    synchronized String version() {
        return version;
    }

    synchronized void record(RecordedRequest request) {
        if (requests.size() == MAX_RECORDED) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    /** Pulls whose client went away before the end (the model was not installed). */
    AtomicInteger pullsCut() {
        return pullsCut;
    }

    AtomicInteger inFlight() {
        return inFlight;
    }
}
