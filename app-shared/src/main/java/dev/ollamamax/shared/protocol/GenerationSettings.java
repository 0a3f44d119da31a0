package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The optional {@code settings} of an {@code inference}. A null field is absent on the wire and means
 * "the node's default"; {@code streaming} absent means true.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationSettings(Boolean streaming, Double temperature, Integer maxTokens, String system,
                                 @JsonProperty("top_p") Double topP, Long seed) {

    public static GenerationSettings defaults() {
        return new GenerationSettings(null, null, null, null, null, null);
    }

    public boolean streamingOrDefault() {
        return streaming == null || streaming;
    }
}
