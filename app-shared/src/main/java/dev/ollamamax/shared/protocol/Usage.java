package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Token counts of a generation, as the node reported them. */
public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
                    @JsonProperty("completion_tokens") long completionTokens) {
}
