package dev.ollamamax.shared.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static YamlNode.Mapping map(String yaml) {
        return YamlReader.read(yaml, "stack.yaml").asMapping().orElseThrow();
    }

    @Test
    void keepsEachValuesLineAndDocumentOrder() {
        YamlNode.Mapping root = map("""
                # a comment
                b: 1
                a:
                  - x
                  - y: "quoted # not a comment"
                """);

        assertThat(root.entries().keySet()).containsExactly("b", "a");
        assertThat(root.get("b").orElseThrow().line()).isEqualTo(2);
        YamlNode.Sequence list = root.get("a").flatMap(YamlNode::asSequence).orElseThrow();
        assertThat(list.items().get(1).line()).isEqualTo(5);
        assertThat(list.items().get(1).asMapping().orElseThrow().text("y")).contains("quoted # not a comment");
    }

    @Test
    void scalarsAreKeptAsWrittenAndNullsAreNull() {
        YamlNode.Mapping root = map("""
                port: 22:22
                octal: 0755
                none: ~
                empty:
                text: "null"
                """);

        // YAML 1.1 would read 22:22 as the number 1342 and 0755 as 493: the reader keeps the text
        assertThat(root.text("port")).contains("22:22");
        assertThat(root.text("octal")).contains("0755");
        assertThat(root.text("none")).isEmpty();
        assertThat(root.text("empty")).isEmpty();
        assertThat(root.text("text")).contains("null");
    }

    @Test
    void mergeKeysMergeOneOrSeveralMappingsAndExplicitKeysWin() {
        YamlNode.Mapping root = map("""
                base: &base {a: 1, b: 1}
                more: &more {b: 2, c: 2}
                one:
                  <<: *base
                  a: 9
                many:
                  <<: [*more, *base]
                """);

        YamlNode.Mapping one = root.get("one").flatMap(YamlNode::asMapping).orElseThrow();
        assertThat(one.text("a")).contains("9");
        assertThat(one.text("b")).contains("1");
        YamlNode.Mapping many = root.get("many").flatMap(YamlNode::asMapping).orElseThrow();
        // the first mapping of the list wins over the later ones
        assertThat(many.text("b")).contains("2");
        assertThat(many.text("a")).contains("1");
        assertThat(many.text("c")).contains("2");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThatThrownBy(() -> YamlReader.read("a: 1\nb: [1, 2\nc: 3\n", "stack.yaml"))
                .isInstanceOf(YamlException.class)
                .hasMessageStartingWith("stack.yaml, line ")
                .satisfies(e -> assertThat(((YamlException) e).line()).isBetween(2, 4));
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThatThrownBy(() -> YamlReader.read("a: 1\nb: 2\na: 3\n", "stack.yaml"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("duplicate key a");
    }

    @Test
    void anAliasBombIsRefusedNotExpanded() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            List<String> refs = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                refs.add("*a" + (i - 1));
            }
            yaml.append(String.join(", ", refs)).append("]\n");
        }
        assertThatThrownBy(() -> YamlReader.read(yaml.toString(), "bomb.yaml"))
                .isInstanceOf(YamlException.class)
                .hasMessageStartingWith("bomb.yaml");
    }

    @Test
    void aSelfReferenceIsRefused() {
        assertThatThrownBy(() -> YamlReader.read("a: &a\n  b: *a\n", "loop.yaml"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("contains it");
    }

    @Test
    void anEmptyDocumentIsANullScalar() {
        assertThat(YamlReader.read("", "e.yaml").asText()).isEmpty();
        assertThat(YamlReader.read("# only a comment\n", "e.yaml").asMapping()).isEmpty();
    }

    @Test
    void variablesAreFilledAsComposeDoes() {
        List<String> unset = new ArrayList<>();
        Variables v = new Variables(Map.of("A", "1", "EMPTY", ""), unset::add);

        assertThat(v.fill("${A}-$A-$$A")).contains("1-1-$A");
        assertThat(v.fill("${EMPTY:-d}|${EMPTY-d}|${MISSING-d}")).contains("d||d");
        assertThat(v.fill("cost $5")).contains("cost $5");
        assertThat(v.fill("${MISSING}")).isEmpty();
        assertThat(v.fill("${MISSING:?needed}")).isEmpty();
        assertThat(unset).containsExactly("MISSING", "MISSING");
    }
}
