package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.Icons;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.kordamp.ikonli.feather.Feather;

/**
 * Markdown (CommonMark) to JavaFX nodes, no WebView: paragraphs and headings as {@link TextFlow}s of styled
 * {@link Text}s, lists, quotes, rules, and code blocks in a monospace box with their language and a Copy
 * button. Raw HTML is shown as text, never interpreted.
 */
final class MarkdownRenderer {

    private final Parser parser = Parser.builder().build();
    private final Consumer<String> copy;

    /** @param copy puts text on the clipboard (the code blocks' Copy button) */
    MarkdownRenderer(Consumer<String> copy) {
        this.copy = copy;
    }

    /** The blocks of the document, top to bottom. */
    List<Node> render(String markdown) {
        return blocks(parser.parse(markdown));
    }

    private List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> out = new ArrayList<>();
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            out.add(block(n));
        }
        return out;
    }

    private Node block(org.commonmark.node.Node n) {
        return switch (n) {
            case Paragraph p -> flow(p, "md-paragraph");
            case Heading h -> flow(h, "md-heading", "md-h" + Math.min(h.getLevel(), 4));
            case FencedCodeBlock f -> codeBlock(f.getLiteral(), f.getInfo());
            case IndentedCodeBlock i -> codeBlock(i.getLiteral(), "");
            case BulletList b -> list(b, -1);
            case OrderedList o -> list(o, o.getMarkerStartNumber() == null ? 1 : o.getMarkerStartNumber());
            case BlockQuote q -> {
                VBox box = new VBox(6);
                box.getStyleClass().add("md-quote");
                box.getChildren().setAll(blocks(q));
                yield box;
            }
            case ThematicBreak t -> new Separator();
            case HtmlBlock h -> plain(h.getLiteral(), "md-paragraph");
            default -> {
                TextFlow f = new TextFlow();
                f.getStyleClass().add("md-paragraph");
                inline(n, Style.NONE, f.getChildren());
                yield f;
            }
        };
    }

    private TextFlow flow(org.commonmark.node.Node n, String... classes) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(classes);
        for (org.commonmark.node.Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            inline(c, Style.NONE, flow.getChildren());
        }
        return flow;
    }

    static TextFlow plain(String text, String styleClass) {
        Text t = new Text(text);
        t.getStyleClass().add("md-text");
        TextFlow flow = new TextFlow(t);
        flow.getStyleClass().add(styleClass);
        return flow;
    }

    /** How inline text looks, inherited by nested spans. */
    private record Style(boolean bold, boolean italic, boolean link) {
        static final Style NONE = new Style(false, false, false);
    }

    private void inline(org.commonmark.node.Node n, Style style, List<Node> out) {
        switch (n) {
            case org.commonmark.node.Text t -> out.add(text(t.getLiteral(), style));
            case Code c -> {
                Text t = new Text(c.getLiteral());
                t.getStyleClass().addAll("md-text", "md-code");
                out.add(t);
            }
            case Emphasis e -> children(e, new Style(style.bold(), true, style.link()), out);
            case StrongEmphasis s -> children(s, new Style(true, style.italic(), style.link()), out);
            case Link l -> children(l, new Style(style.bold(), style.italic(), true), out);
            case Image i -> out.add(text("[image: " + i.getDestination() + "]", style));
            case SoftLineBreak s -> out.add(text(" ", style));
            case HardLineBreak h -> out.add(text("\n", style));
            case HtmlInline h -> out.add(text(h.getLiteral(), style));
            default -> children(n, style, out);
        }
    }

    private void children(org.commonmark.node.Node n, Style style, List<Node> out) {
        for (org.commonmark.node.Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            inline(c, style, out);
        }
    }

    private static Text text(String s, Style style) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        if (style.bold()) {
            t.getStyleClass().add("md-bold");
        }
        if (style.italic()) {
            t.getStyleClass().add("md-italic");
        }
        if (style.link()) {
            t.getStyleClass().add("md-link");
        }
        return t;
    }

    private Node list(org.commonmark.node.ListBlock list, int start) {
        VBox box = new VBox(4);
        box.getStyleClass().add("md-list");
        int number = start;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem li)) {
                continue;
            }
            Label marker = new Label(start < 0 ? "•" : number++ + ".");
            marker.getStyleClass().add("md-marker");
            marker.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = new VBox(4);
            content.getChildren().setAll(blocks(li));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, marker, content);
            box.getChildren().add(row);
        }
        return box;
    }

    /** A code block: language and Copy on top, the code in monospace below. */
    Node codeBlock(String code, String info) {
        String literal = code.endsWith("\n") ? code.substring(0, code.length() - 1) : code;
        String language = info == null ? "" : info.strip().split("\\s+")[0];
        Label lang = new Label(language.isEmpty() ? "code" : language);
        lang.getStyleClass().add("md-code-lang");
        Button copyButton = new Button("Copy", Icons.icon(Feather.COPY, 12));
        copyButton.getStyleClass().addAll("flat", "small", "md-code-copy");
        copyButton.setOnAction(e -> {
            copy.accept(literal);
            copyButton.setText("Copied");
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, lang, gap, copyButton);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("md-code-head");
        Text text = new Text(literal);
        text.getStyleClass().add("md-code-text");
        TextFlow body = new TextFlow(text);
        body.getStyleClass().add("md-code-body");
        VBox box = new VBox(head, body);
        box.getStyleClass().add("md-code-block");
        return box;
    }
}
