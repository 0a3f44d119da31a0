package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.GenerationSettings;
import java.util.Optional;

/**
 * The generation settings of one conversation: model, system prompt, temperature, max tokens and the finer
 * {@link ChatOptions} (think, context window, top_p, seed, stop). An empty value means the node's default.
 */
public record ChatSettings(Optional<String> model, String system, Optional<Double> temperature,
                           Optional<Integer> maxTokens, ChatOptions options) {

    public ChatSettings {
        system = system == null ? "" : system;
        options = options == null ? ChatOptions.defaults() : options;
        temperature.ifPresent(t -> {
            if (t < 0 || t > 2) {
                throw new IllegalArgumentException("temperature must be between 0 and 2");
            }
        });
        maxTokens.ifPresent(m -> {
            if (m < 1) {
                throw new IllegalArgumentException("max tokens must be at least 1");
            }
        });
    }

    public ChatSettings(Optional<String> model, String system, Optional<Double> temperature, Optional<Integer> maxTokens) {
        this(model, system, temperature, maxTokens, ChatOptions.defaults());
    }

    public static ChatSettings defaults() {
        return new ChatSettings(Optional.empty(), "", Optional.empty(), Optional.empty());
    }

    public ChatSettings withModel(String m) {
        return new ChatSettings(Optional.ofNullable(m).filter(s -> !s.isBlank()), system, temperature, maxTokens, options);
    }

    public ChatSettings withSystem(String s) {
        return new ChatSettings(model, s, temperature, maxTokens, options);
    }

    public ChatSettings withTemperature(Optional<Double> t) {
        return new ChatSettings(model, system, t, maxTokens, options);
    }

    public ChatSettings withMaxTokens(Optional<Integer> m) {
        return new ChatSettings(model, system, temperature, m, options);
    }

    public ChatSettings withOptions(ChatOptions o) {
        return new ChatSettings(model, system, temperature, maxTokens, o);
    }

    /** These settings with everything but the model taken from {@code preset}. */
    public ChatSettings tunedLike(ChatSettings preset) {
        return new ChatSettings(model, preset.system, preset.temperature, preset.maxTokens, preset.options);
    }

    /** The protocol's {@code settings} of an inference (streaming on). */
    GenerationSettings toProtocol() {
        return new GenerationSettings(null, temperature.orElse(null), maxTokens.orElse(null),
                system.isBlank() ? null : system, options.topP().orElse(null), options.seed().orElse(null),
                options.think() ? Boolean.TRUE : null, options.numCtx().orElse(null),
                options.stop().isEmpty() ? null : options.stop());
    }
}
