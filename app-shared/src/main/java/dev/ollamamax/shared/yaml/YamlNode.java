package dev.ollamamax.shared.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One value of a YAML document with the 1-based line it starts on. */
public sealed interface YamlNode {

    int line();

    /** A plain value; YAML's {@code null} / {@code ~} / empty is a scalar whose {@link #isNull()} is true. */
    record Scalar(String value, boolean isNull, int line) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping with its keys in document order (merge keys already resolved) and the line of each key. */
    record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        public Mapping(Map<String, YamlNode> entries, int line) {
            this(entries, Map.of(), line);
        }

        /** The 1-based line {@code key} is written on; the value's line when unknown. */
        public int keyLine(String key) {
            Integer at = keyLines.get(key);
            return at != null ? at : get(key).map(YamlNode::line).orElse(line);
        }

        public Optional<YamlNode> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /** The scalar under {@code key}, if it is one and not null. */
        public Optional<String> text(String key) {
            return get(key).flatMap(YamlNode::asText);
        }
    }

    /** This node's text when it is a non-null scalar. */
    default Optional<String> asText() {
        return this instanceof Scalar s && !s.isNull() ? Optional.of(s.value()) : Optional.empty();
    }

    default Optional<Mapping> asMapping() {
        return this instanceof Mapping m ? Optional.of(m) : Optional.empty();
    }

    default Optional<Sequence> asSequence() {
        return this instanceof Sequence s ? Optional.of(s) : Optional.empty();
    }

    /** Short name of the node's kind for error messages: "a text", "a list", "a mapping". */
    default String kind() {
        return switch (this) {
            case Scalar s -> s.isNull() ? "empty" : "a text";
            case Sequence s -> "a list";
            case Mapping m -> "a mapping";
        };
    }
}
