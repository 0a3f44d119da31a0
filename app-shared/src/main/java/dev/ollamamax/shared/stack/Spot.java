package dev.ollamamax.shared.stack;

import dev.ollamamax.shared.yaml.Variables;
import dev.ollamamax.shared.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of the stack file with its dotted field path ({@code processes.api.availability.restart}), so every
 * complaint names the file, the line and the field. Text values have {@code ${VAR}} filled in.
 */
final class Spot {

    private final String file;
    private final String path;
    private final YamlNode node;
    private final int line;
    private final Variables variables;
    private final List<String> unset;

    private Spot(String file, String path, YamlNode node, int line, Variables variables, List<String> unset) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.line = line;
        this.variables = variables;
        this.unset = unset;
    }

    static Spot root(String file, YamlNode node, Variables variables, List<String> unset) {
        return new Spot(file, "", node, node.line(), variables, unset);
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    YamlNode node() {
        return node;
    }

    StackException error(String problem) {
        return new StackException(file + ", line " + line + ": " + (path.isEmpty() ? "the file" : path) + " " + problem,
                line);
    }

    /** This value as a mapping whose keys are all among {@code known}; an unknown key is refused by name. */
    YamlNode.Mapping mapping(Set<String> known) {
        YamlNode.Mapping m = node.asMapping().orElseThrow(() -> error("must be a mapping, not " + node.kind()));
        for (String key : m.entries().keySet()) {
            if (!known.contains(key)) {
                Spot at = new Spot(file, join(key), m.entries().get(key), m.keyLine(key), variables, unset);
                throw at.error("is not a known field (known here: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return m;
    }

    /** The entry {@code key} of this mapping, when present and not null. */
    Optional<Spot> child(String key) {
        YamlNode.Mapping m = node.asMapping().orElseThrow(() -> error("must be a mapping, not " + node.kind()));
        return m.get(key).filter(v -> !(v instanceof YamlNode.Scalar s && s.isNull()))
                .map(v -> new Spot(file, join(key), v, m.keyLine(key), variables, unset));
    }

    /** Every entry of this mapping, in document order. */
    List<Spot> entries() {
        YamlNode.Mapping m = node.asMapping().orElseThrow(() -> error("must be a mapping, not " + node.kind()));
        List<Spot> out = new ArrayList<>();
        m.entries().forEach((k, v) -> out.add(new Spot(file, join(k), v, m.keyLine(k), variables, unset)));
        return out;
    }

    /** Every item of this list. */
    List<Spot> items() {
        YamlNode.Sequence s = node.asSequence().orElseThrow(() -> error("must be a list, not " + node.kind()));
        List<Spot> out = new ArrayList<>();
        for (int i = 0; i < s.items().size(); i++) {
            YamlNode item = s.items().get(i);
            out.add(new Spot(file, path + "[" + i + "]", item, item.line(), variables, unset));
        }
        return out;
    }

    /** The last segment of the path: the key this value is under. */
    String key() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** This scalar's text with variables filled in. */
    String text() {
        String raw = node.asText().orElseThrow(() -> error("must be a text, not " + node.kind()));
        unset.clear();
        Optional<String> filled = variables.fill(raw);
        if (filled.isEmpty()) {
            throw error(unset.isEmpty() ? "has an unclosed ${" : "uses $" + unset.getFirst()
                    + ", which is set neither in the project's .env nor in the environment and has no default"
                    + " (write $$ for a dollar sign the shell should see)");
        }
        return filled.get();
    }

    int integer(int min, int max) {
        String t = text().trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw error("must be a whole number from " + min + " to " + max + ", not \"" + t + "\"");
    }

    boolean bool() {
        String t = text().trim();
        return switch (t) {
            case "true", "True", "TRUE", "yes" -> true;
            case "false", "False", "FALSE", "no" -> false;
            default -> throw error("must be true or false, not \"" + t + "\"");
        };
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
