package dev.ollamamax.ui.nodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What "Create from Modelfile" asks for: the new name, the base model, a system prompt, {@code num_ctx} and
 * {@code temperature}, and a raw Modelfile for the rest. The fields win over the Modelfile's lines of the same
 * kind; {@link #request(String)} is the {@code /api/create} body Ollama's {@code docs/api.md} documents.
 */
public record NewModel(String name, String from, String system, String numCtx, String temperature, String modelfile) {

    /** {@code [namespace/]model[:tag]} with Ollama's characters. */
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9_][A-Za-z0-9_.-]{0,79}/){0,2}[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,79})?");

    public NewModel {
        name = strip(name);
        from = strip(from);
        system = system == null ? "" : system;
        numCtx = strip(numCtx);
        temperature = strip(temperature);
        modelfile = modelfile == null ? "" : modelfile;
    }

    /** The name field's error, as the person types. */
    public static Optional<String> checkName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Name the new model, e.g. mario or team/coder:8k");
        }
        return NAME.matcher(name.strip()).matches() ? Optional.empty()
                : Optional.of("Letters, digits, _ . - ; an optional namespace/ and :tag (e.g. team/coder:8k)");
    }

    /** The first thing wrong with the whole form, in words; empty when it can be sent. */
    public Optional<String> problem() {
        Optional<String> p = checkName(name).or(() -> ModelParameters.numCtx(numCtx))
                .or(() -> ModelParameters.temperature(temperature)).or(() -> Modelfile.check(modelfile));
        if (p.isPresent()) {
            return p;
        }
        Modelfile file = Modelfile.parse(modelfile);
        if (from.isEmpty() && file.from().isEmpty()) {
            return Optional.of("Choose the base model (or write FROM in the Modelfile)");
        }
        if (!from.isEmpty() && file.from().isPresent() && !file.from().get().equals(from)) {
            return Optional.of("The Modelfile says FROM " + file.from().get() + " but the base model is " + from
                    + ": keep one of them");
        }
        return Optional.empty();
    }

    /** The {@code /api/create} body, streamed and pinned to {@code node}; call only when {@link #problem()} is empty. */
    Map<String, Object> request(String node) {
        Modelfile file = Modelfile.parse(modelfile);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", name);
        body.put("from", from.isEmpty() ? file.from().orElseThrow() : from);
        Optional.of(system).filter(s -> !s.isBlank()).or(file::system).ifPresent(s -> body.put("system", s));
        file.template().ifPresent(t -> body.put("template", t));
        if (!file.licenses().isEmpty()) {
            body.put("license", file.licenses().size() == 1 ? file.licenses().getFirst() : file.licenses());
        }
        Map<String, Object> parameters = new LinkedHashMap<>(file.parameters());
        if (!numCtx.isEmpty()) {
            parameters.put("num_ctx", Long.parseLong(numCtx));
        }
        if (!temperature.isEmpty()) {
            parameters.put("temperature", Double.parseDouble(temperature));
        }
        if (!parameters.isEmpty()) {
            body.put("parameters", parameters);
        }
        if (!file.messages().isEmpty()) {
            body.put("messages", file.messages());
        }
        body.put("stream", true);
        body.put("node", node);
        return body;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
