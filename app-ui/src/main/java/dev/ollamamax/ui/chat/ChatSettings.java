package dev.ollamamax.ui.chat;

import dev.ollamamax.shared.protocol.GenerationSettings;
import java.util.Optional;

/**
 * The generation settings of one conversation: model, system prompt, temperature and max tokens. An empty
 * value means the node's default.
 */
public record ChatSettings(Optional<String> model, String system, Optional<Double> temperature,
                           Optional<Integer> maxTokens) {

    public ChatSettings {
        system = system == null ? "" : system;
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

    public static ChatSettings defaults() {
        return new ChatSettings(Optional.empty(), "", Optional.empty(), Optional.empty());
    }

    public ChatSettings withModel(String m) {
        return new ChatSettings(Optional.ofNullable(m).filter(s -> !s.isBlank()), system, temperature, maxTokens);
    }

    public ChatSettings withSystem(String s) {
        return new ChatSettings(model, s, temperature, maxTokens);
    }

    public ChatSettings withTemperature(Optional<Double> t) {
        return new ChatSettings(model, system, t, maxTokens);
    }

    public ChatSettings withMaxTokens(Optional<Integer> m) {
        return new ChatSettings(model, system, temperature, m);
    }

    /** The protocol's {@code settings} of an inference (streaming on). */
    GenerationSettings toProtocol() {
        return new GenerationSettings(null, temperature.orElse(null), maxTokens.orElse(null),
                system.isBlank() ? null : system, null, null);
    }
}
