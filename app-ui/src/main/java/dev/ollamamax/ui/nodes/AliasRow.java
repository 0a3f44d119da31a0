package dev.ollamamax.ui.nodes;

import java.util.List;

/**
 * One model alias as {@code GET /api/v1/aliases} lists it: its name, the models in the order they are tried,
 * and whether it comes from {@code MODEL_ALIASES} (read-only here) or the database.
 */
public record AliasRow(String name, List<String> models, boolean configured) {

    public AliasRow {
        models = List.copyOf(models);
    }

    /** "qwen2.5-coder:32b → qwen2.5-coder:7b". */
    public String chain() {
        return String.join(" → ", models);
    }

    /** The models as the editor's field holds them: comma-separated, first choice first. */
    public String modelsText() {
        return String.join(", ", models);
    }
}
