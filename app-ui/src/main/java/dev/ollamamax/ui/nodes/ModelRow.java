package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One model of a node as {@code /api/tags} lists it, and whether {@code /api/ps} has it loaded.
 *
 * @param size bytes on disk, -1 when the node did not say
 */
public record ModelRow(String name, long size, String quantization, String family, String parameterSize,
                       boolean loaded) {

    static ModelRow of(JsonNode tag, boolean loaded) {
        JsonNode details = tag.path("details");
        return new ModelRow(tag.path("name").asText(tag.path("model").asText()), tag.path("size").asLong(-1),
                text(details, "quantization_level"), text(details, "family"), text(details, "parameter_size"), loaded);
    }

    private static String text(JsonNode node, String field) {
        String v = node.path(field).asText("");
        return v.isBlank() ? "–" : v;
    }

    public String sizeText() {
        return Sizes.human(size);
    }
}
