package dev.ollamamax.ui.chat;

import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;

/**
 * The collapsible "Thinking" section of an answer: a reasoning model's thinking, apart from the answer. Closed
 * by default; the title says how long it is, or "Thinking…" while the model is still thinking.
 */
final class ThinkingPane {

    private final Label text = new Label();
    private final TitledPane pane = new TitledPane("Thinking", text);

    ThinkingPane() {
        text.setWrapText(true);
        text.getStyleClass().addAll("text-muted", "answer-thinking-text");
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        pane.getStyleClass().add("answer-thinking");
        pane.setExpanded(false);
        pane.setAnimated(false);
        pane.managedProperty().bind(pane.visibleProperty());
        pane.setVisible(false);
    }

    TitledPane node() {
        return pane;
    }

    /** Closes the section for a different answer in this (reused) cell. */
    void reset() {
        pane.setExpanded(false);
    }

    void show(ChatItem item) {
        String thinking = item.thinking();
        pane.setVisible(!thinking.isEmpty());
        if (thinking.isEmpty()) {
            return;
        }
        boolean still = item.active() && item.text().isEmpty();
        int words = thinking.isBlank() ? 0 : thinking.strip().split("\\s+").length;
        pane.setText(still ? "Thinking…" : "Thinking · " + words + (words == 1 ? " word" : " words"));
        if (!text.getText().equals(thinking)) {
            text.setText(thinking);
        }
    }
}
