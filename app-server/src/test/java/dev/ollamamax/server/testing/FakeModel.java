package dev.ollamamax.server.testing;

import java.util.List;
import java.util.Objects;

/**
 * A model the fake serves: its name, the tokens it answers with (streamed in order, whatever the prompt)
 * and the details {@code /api/tags}, {@code /api/ps} and {@code /api/show} report.
 *
 * @param name               as given; a name without a tag is served as {@code name:latest}, like Ollama
 * @param reply              the tokens of every answer, streamed one NDJSON line each
 * @param family             e.g. {@code llama}
 * @param parameterSize      e.g. {@code 3.2B}
 * @param quantizationLevel  e.g. {@code Q4_K_M}
 * @param size               bytes on disk (and in VRAM once loaded)
 * @param thinking           the tokens of its reasoning, streamed as {@code message.thinking} before the answer
 *                           when a chat asks {@code think: true}; empty for a model that cannot think (then
 *                           {@code think: true} is refused with 400, as Ollama does)
 */
public record FakeModel(String name, List<String> reply, String family, String parameterSize,
                        String quantizationLevel, long size, List<String> thinking) {

    public FakeModel {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a model needs a name");
        }
        reply = List.copyOf(reply);
        thinking = List.copyOf(thinking);
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(parameterSize, "parameterSize");
        Objects.requireNonNull(quantizationLevel, "quantizationLevel");
    }

    /** A model with the defaults: reply {@code "Hello from <name>"} in three tokens, a small llama. */
    public static FakeModel of(String name) {
        return new FakeModel(name, List.of("Hello", " from", " " + name), "llama", "1.2B", "Q4_K_M",
                1_321_098_329L, List.of());
    }

    public FakeModel withReply(List<String> tokens) {
        return new FakeModel(name, tokens, family, parameterSize, quantizationLevel, size, thinking);
    }

    public FakeModel withName(String newName) {
        return new FakeModel(newName, reply, family, parameterSize, quantizationLevel, size, thinking);
    }

    public FakeModel withSize(long bytes) {
        return new FakeModel(name, reply, family, parameterSize, quantizationLevel, bytes, thinking);
    }

    public FakeModel withDetails(String newFamily, String newParameterSize, String newQuantizationLevel) {
        return new FakeModel(name, reply, newFamily, newParameterSize, newQuantizationLevel, size, thinking);
    }

    /** A reasoning model: with {@code think: true} it streams these tokens as {@code message.thinking} first. */
    public FakeModel withThinking(List<String> tokens) {
        return new FakeModel(name, reply, family, parameterSize, quantizationLevel, size, tokens);
    }

    /** The name as Ollama lists it: with {@code :latest} added when no tag is given. */
    public String fullName() {
        return fullName(name);
    }

    static String fullName(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") ? name : name + ":latest";
    }
}
