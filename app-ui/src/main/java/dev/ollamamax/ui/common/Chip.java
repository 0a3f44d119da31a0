package dev.ollamamax.ui.common;

import javafx.scene.control.Label;
import javafx.scene.shape.Circle;

/** A small rounded status label with a coloured dot ("● running"); colours follow the theme. */
public final class Chip extends Label {

    /** The colour family of a chip. */
    public enum Tone { SUCCESS, DANGER, WARNING, ACCENT, NEUTRAL }

    private final Circle dot = new Circle(3.5);

    public Chip() {
        getStyleClass().add("chip");
        dot.getStyleClass().add("chip-dot");
        setGraphic(dot);
        setGraphicTextGap(6);
        set("", Tone.NEUTRAL);
    }

    public void set(String text, Tone tone) {
        setText(text);
        getStyleClass().removeIf(c -> c.startsWith("chip-tone-"));
        getStyleClass().add("chip-tone-" + tone.name().toLowerCase(java.util.Locale.ROOT));
    }
}
