package dev.ollamamax.ui.chat;

import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Shows an answer as Markdown while it grows. A full parse and rebuild happens at most every
 * {@link #RENDER_INTERVAL_NANOS} (about ten times a second) while the answer streams; between two, the new
 * text is appended as plain text to a tail, so each frame costs one small change. Once the answer is
 * complete it is rendered in full.
 */
final class MarkdownPane extends VBox {

    static final long RENDER_INTERVAL_NANOS = 100_000_000L;

    private final MarkdownRenderer renderer;
    private String rendered = "";
    private int shownLength;
    private long lastRender;
    private Text tail;

    MarkdownPane(MarkdownRenderer renderer) {
        super(8);
        this.renderer = renderer;
        getStyleClass().add("md");
    }

    /** Shows {@code text}; {@code streaming} while more is coming. */
    void show(String text, boolean streaming) {
        long now = System.nanoTime();
        boolean grows = text.startsWith(rendered) && text.length() >= shownLength;
        if (!streaming || !grows || now - lastRender >= RENDER_INTERVAL_NANOS) {
            if (!text.equals(rendered) || shownLength != text.length() || tail != null) {
                renderFully(text);
            }
            lastRender = now;
            return;
        }
        if (text.length() > shownLength) {
            appendPlain(text.substring(shownLength));
        }
    }

    private void renderFully(String text) {
        getChildren().setAll(renderer.render(text));
        rendered = text;
        shownLength = text.length();
        tail = null;
    }

    private void appendPlain(String more) {
        if (tail == null) {
            tail = new Text();
            tail.getStyleClass().addAll("md-text", "md-tail");
            if (!getChildren().isEmpty() && getChildren().getLast() instanceof TextFlow last
                    && last.getStyleClass().contains("md-paragraph")) {
                last.getChildren().add(tail);
            } else {
                TextFlow flow = new TextFlow(tail);
                flow.getStyleClass().add("md-paragraph");
                getChildren().add(flow);
            }
        }
        tail.setText(tail.getText() + more);
        shownLength += more.length();
    }

    /** Forgets what was shown (the cell shows another answer). */
    void clear() {
        getChildren().clear();
        rendered = "";
        shownLength = 0;
        tail = null;
        lastRender = 0;
    }
}
