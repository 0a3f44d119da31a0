package dev.ollamamax.shared.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into {@link YamlNode}s. Anchors and aliases are resolved by SnakeYAML's composer;
 * merge keys ({@code <<: *base} or {@code <<: [*a, *b]}) are applied here, explicit keys winning over merged
 * ones as YAML 1.1 specifies. Limits: a key twice in one mapping is an error, at most 50 aliases to collections, at most
 * {@value #MAX_NODES} values after expansion (an alias bomb stops there), documents up to 3 MB.
 */
public final class YamlReader {

    static final int MAX_NODES = 100_000;
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final String fileName;
    private int nodes;

    private YamlReader(String fileName) {
        this.fileName = fileName;
    }

    /**
     * The document's root; an empty document is a null scalar.
     *
     * @throws YamlException naming the file and line of a syntax error or an exceeded limit
     */
    public static YamlNode read(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(3 * 1024 * 1024);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(options);
        Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            throw new YamlException(fileName + (line > 0 ? ", line " + line : "") + ": " + problem + context, line);
        } catch (YAMLException e) {
            throw new YamlException(fileName + ": " + e.getMessage(), 0);
        }
        if (root == null) {
            return new YamlNode.Scalar("", true, 1);
        }
        return new YamlReader(fileName).convert(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private YamlNode convert(Node node, Set<Node> path) {
        int line = node.getStartMark().getLine() + 1;
        if (++nodes > MAX_NODES) {
            throw new YamlException(fileName + ", line " + line + ": more than " + MAX_NODES
                    + " values after expanding aliases", line);
        }
        if (!path.add(node)) {
            throw new YamlException(fileName + ", line " + line + ": an alias refers to a value that contains it", line);
        }
        try {
            return switch (node) {
                case ScalarNode s -> new YamlNode.Scalar(s.getValue(), isNull(s), line);
                case SequenceNode s -> {
                    List<YamlNode> items = new ArrayList<>();
                    for (Node item : s.getValue()) {
                        items.add(convert(item, path));
                    }
                    yield new YamlNode.Sequence(items, line);
                }
                case MappingNode m -> mapping(m, line, path);
                default -> throw new YamlException(fileName + ", line " + line + ": unsupported YAML node", line);
            };
        } finally {
            path.remove(node);
        }
    }

    private YamlNode.Mapping mapping(MappingNode m, int line, Set<Node> path) {
        Map<String, YamlNode> merged = new LinkedHashMap<>();
        Map<String, YamlNode> own = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple tuple : m.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalarKey)) {
                int keyLine = key.getStartMark().getLine() + 1;
                throw new YamlException(fileName + ", line " + keyLine + ": a key must be a plain value", keyLine);
            }
            if (isMergeKey(scalarKey)) {
                for (YamlNode.Mapping source : mergeSources(tuple.getValueNode(), path)) {
                    source.entries().forEach(merged::putIfAbsent);
                    source.entries().keySet().forEach(k -> keyLines.putIfAbsent(k, source.keyLine(k)));
                }
            } else if (own.containsKey(scalarKey.getValue())) {
                int keyLine = key.getStartMark().getLine() + 1;
                throw new YamlException(fileName + ", line " + keyLine + ": duplicate key " + scalarKey.getValue(), keyLine);
            } else {
                own.put(scalarKey.getValue(), convert(tuple.getValueNode(), path));
                keyLines.put(scalarKey.getValue(), key.getStartMark().getLine() + 1);
            }
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>(merged);
        entries.putAll(own);
        return new YamlNode.Mapping(entries, keyLines, line);
    }

    private List<YamlNode.Mapping> mergeSources(Node value, Set<Node> path) {
        int line = value.getStartMark().getLine() + 1;
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        List<YamlNode.Mapping> result = new ArrayList<>();
        for (Node source : sources) {
            if (!(convert(source, path) instanceof YamlNode.Mapping mapping)) {
                throw new YamlException(fileName + ", line " + line + ": a merge key (<<) takes a mapping or a list of mappings",
                        line);
            }
            result.add(mapping);
        }
        return result;
    }

    private static boolean isMergeKey(ScalarNode key) {
        return Tag.MERGE.equals(key.getTag()) || "<<".equals(key.getValue()) && key.getScalarStyle().getChar() == null;
    }

    private static boolean isNull(ScalarNode s) {
        return Tag.NULL.equals(s.getTag()) || s.getScalarStyle().getChar() == null && NULLS.contains(s.getValue());
    }
}
