package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One model as a node's {@code /api/show} describes it: the Modelfile parts (parameters, template, system,
 * license) and the facts of {@code details} and {@code model_info}. Text a node leaves out is empty.
 *
 * @param contextLength {@code <architecture>.context_length} of {@code model_info}, empty when not reported
 */
public record ModelDetails(String model, String node, String parameters, String template, String system, String license,
                           List<String> capabilities, String family, String quantization, String parameterSize,
                           Optional<Long> contextLength, String modelfile) {

    public ModelDetails {
        capabilities = List.copyOf(capabilities);
    }

    static ModelDetails of(String model, String node, JsonNode show) {
        JsonNode details = show.path("details");
        JsonNode info = show.path("model_info");
        String architecture = info.path("general.architecture").asText(details.path("family").asText(""));
        JsonNode ctx = info.path(architecture + ".context_length");
        List<String> capabilities = new ArrayList<>();
        show.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        return new ModelDetails(model, node, text(show, "parameters"), text(show, "template"), text(show, "system"),
                license(show.path("license")), capabilities, details.path("family").asText(architecture),
                details.path("quantization_level").asText(""), details.path("parameter_size").asText(""),
                ctx.isNumber() ? Optional.of(ctx.asLong()) : Optional.empty(), text(show, "modelfile"));
    }

    /** Ollama sends the license as one string or, for models with several, a list. */
    private static String license(JsonNode license) {
        if (license.isArray()) {
            List<String> parts = new ArrayList<>();
            license.forEach(l -> parts.add(l.asText()));
            return String.join("\n\n", parts).strip();
        }
        return license.asText("").strip();
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("").strip();
    }

    /** "131,072 tokens", or "–" when the node did not say. */
    public String contextText() {
        return contextLength.map(n -> String.format(java.util.Locale.ROOT, "%,d tokens", n)).orElse("–");
    }
}
