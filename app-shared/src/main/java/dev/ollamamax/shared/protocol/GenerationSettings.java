package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The optional {@code settings} of an {@code inference}. A null field is absent on the wire and means
 * "the node's default"; {@code streaming} absent means true. {@code think} asks a reasoning model to think
 * (its thinking arrives apart from the answer); {@code numCtx} is the context window in tokens; {@code stop}
 * the sequences that end the answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationSettings(Boolean streaming, Double temperature, Integer maxTokens, String system,
                                 @JsonProperty("top_p") Double topP, Long seed, Boolean think,
                                 @JsonProperty("num_ctx") Integer numCtx, List<String> stop) {

    public GenerationSettings {
        stop = stop == null ? null : List.copyOf(stop);
    }

    public GenerationSettings(Boolean streaming, Double temperature, Integer maxTokens, String system, Double topP, Long seed) {
        this(streaming, temperature, maxTokens, system, topP, seed, null, null, null);
    }

    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null, null, null, null);
    }

    public boolean streamingOrDefault() {
        return streaming == null || streaming;
    }
}
