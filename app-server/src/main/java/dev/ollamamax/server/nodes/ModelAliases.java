package dev.ollamamax.server.nodes;

import dev.ollamamax.server.errors.ErrorKind;
import dev.ollamamax.server.errors.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model aliases with fallback groups: {@code coder -> [qwen2.5-coder:32b, qwen2.5-coder:7b]}. A request
 * for an alias goes to the first model of its list that some routable node has, else the next; every time
 * a later model is used, {@code ollamamax.alias.fallbacks} counts it. The aliases are those of
 * {@code MODEL_ALIASES} plus the stored ones (admin API, shared by every instance through PostgreSQL),
 * a stored alias replacing a configured one of the same name.
 */
public final class ModelAliases {

    /** Where an alias was defined. */
    public enum Source { CONFIG, STORED }

    /** One alias: its name, the models it tries in order, where it was defined. */
    public record Alias(String name, List<String> models, Source source) {
    }

    /** The model a request asked for, the model it gets, and the alias (with the model's place) when one applied. */
    public record Resolution(String requested, String model, Optional<String> alias, int index) {
        public boolean fellBack() {
            return index > 0;
        }
    }

    private final NodeRegistry registry;
    private final MeterRegistry meters;
    private final Map<String, List<String>> configured;
    private volatile Map<String, List<String>> stored = Map.of();

    public ModelAliases(NodeRegistry registry, MeterRegistry meters, Map<String, List<String>> configured) {
        this.registry = registry;
        this.meters = meters;
        this.configured = Map.copyOf(configured);
    }

    /**
     * Parses {@code name=model[,model…]} entries separated by {@code ;} (spaces ignored). Throws
     * {@link IllegalArgumentException} naming the entry at fault.
     */
    public static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).strip();
            List<String> models = eq < 0 ? List.of() : java.util.Arrays.stream(entry.substring(eq + 1).split(","))
                    .map(String::strip).filter(m -> !m.isEmpty()).toList();
            if (name.isEmpty() || models.isEmpty()) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not name=model[,fallback…]");
            }
            validName(name);
            out.put(name, models);
        }
        return out;
    }

    /** An alias name is a model name: no spaces, no commas, semicolons or equals signs. */
    public static void validName(String name) {
        if (name.isBlank() || !name.matches("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid alias name (letters, digits, . _ : / -)");
        }
    }

    /** Replaces the stored aliases (read from PostgreSQL). */
    public void stored(Map<String, List<String>> aliases) {
        this.stored = Map.copyOf(aliases);
    }

    /** Every alias, configured ones first, a stored one replacing a configured one of the same name. */
    public List<Alias> all() {
        Map<String, Alias> out = new LinkedHashMap<>();
        configured.forEach((n, m) -> out.put(ModelNames.normalize(n), new Alias(n, m, Source.CONFIG)));
        stored.forEach((n, m) -> out.put(ModelNames.normalize(n), new Alias(n, m, Source.STORED)));
        return List.copyOf(out.values());
    }

    public Optional<Alias> find(String name) {
        return all().stream().filter(a -> ModelNames.same(a.name(), name)).findFirst();
    }

    /**
     * The model to send the request to: the request's own model when it is not an alias; for an alias the
     * first of its models a routable node has. 503 when no node can serve any of them (a 404 when no node
     * has any of them at all).
     */
    public Resolution resolve(String requested) {
        Optional<Alias> alias = find(requested);
        if (alias.isEmpty()) {
            return new Resolution(requested, requested, Optional.empty(), 0);
        }
        List<String> models = alias.get().models();
        for (int i = 0; i < models.size(); i++) {
            if (!registry.candidates(models.get(i)).isEmpty()) {
                if (i > 0) {
                    Counter.builder("ollamamax.alias.fallbacks").tag("alias", alias.get().name()).tag("model", models.get(i))
                            .description("Requests for an alias served by a later model of its list because no healthy node"
                                    + " could serve the earlier ones").register(meters).increment();
                }
                return new Resolution(requested, models.get(i), Optional.of(alias.get().name()), i);
            }
        }
        boolean anyKnown = models.stream().anyMatch(m -> registry.all().stream().anyMatch(n -> n.hasModel(m)));
        String message = "No healthy node can serve any model of the alias '" + alias.get().name() + "' ("
                + String.join(", ", models) + ")";
        throw anyKnown ? new GatewayException(ErrorKind.NO_HEALTHY_NODE, message)
                : new GatewayException(ErrorKind.MODEL_NOT_FOUND, message + ": no node has any of them", "model", null);
    }
}
