package dev.ollamamax.ui.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Modelfile parameters of Ollama's {@code docs/modelfile.mdx} with the JSON types {@code /api/create}
 * expects ({@code num_ctx} a number, {@code stop} a list); an unknown name or a value of the wrong type is
 * refused in words, as the {@code ollama} CLI refuses it.
 */
final class ModelParameters {

    private static final Set<String> INTS = Set.of("num_ctx", "num_batch", "num_gpu", "main_gpu", "num_thread",
            "num_keep", "seed", "num_predict", "top_k", "repeat_last_n", "mirostat");
    private static final Set<String> FLOATS = Set.of("temperature", "top_p", "min_p", "typical_p", "repeat_penalty",
            "presence_penalty", "frequency_penalty", "mirostat_tau", "mirostat_eta");
    private static final Set<String> BOOLS = Set.of("penalize_newline", "use_mmap", "numa", "low_vram");

    private ModelParameters() {
    }

    /** Adds {@code name value} (line {@code line} of the Modelfile) to the parameters; {@code stop} may repeat. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> parameters, String name, String value, int line) {
        String v = value.strip();
        try {
            if (name.equals("stop")) {
                ((List<Object>) parameters.computeIfAbsent("stop", k -> new ArrayList<>())).add(v);
            } else if (INTS.contains(name)) {
                parameters.put(name, Long.parseLong(v));
            } else if (FLOATS.contains(name)) {
                parameters.put(name, Double.parseDouble(v));
            } else if (BOOLS.contains(name)) {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new NumberFormatException(v);
                }
                parameters.put(name, Boolean.parseBoolean(v));
            } else {
                throw new IllegalArgumentException("Line " + line + ": unknown parameter '" + name + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Line " + line + ": " + name + " takes "
                    + (INTS.contains(name) ? "a whole number" : FLOATS.contains(name) ? "a number" : "true or false")
                    + ", not '" + v + "'");
        }
    }

    /** The context length field: empty, or a whole number from 256 up. */
    static Optional<String> numCtx(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(text.strip());
            return n >= 256 && n <= 10_000_000 ? Optional.empty() : Optional.of("A context length from 256 tokens, e.g. 8192");
        } catch (NumberFormatException e) {
            return Optional.of("A whole number of tokens, e.g. 8192, or empty for the base model's");
        }
    }

    /** The temperature field: empty, or a number from 0 to 2. */
    static Optional<String> temperature(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            double t = Double.parseDouble(text.strip());
            return t >= 0 && t <= 2 ? Optional.empty() : Optional.of("A temperature from 0 to 2, e.g. 0.7");
        } catch (NumberFormatException e) {
            return Optional.of("A number from 0 to 2, e.g. 0.7, or empty for the base model's");
        }
    }
}
