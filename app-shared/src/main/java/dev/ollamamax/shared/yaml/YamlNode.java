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

    /** A mapping with its keys in document order (merge keys already resolved). */
    record Mapping(Map<String, YamlNode> entries, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
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
