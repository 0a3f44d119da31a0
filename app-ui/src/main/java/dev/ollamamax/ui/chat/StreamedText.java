package dev.ollamamax.ui.chat;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Text that arrives in pieces (an answer, or its thinking): the pieces grow a buffer, and the view's property
 * takes the whole of it only when published, so a fast stream costs one property change per frame.
 */
final class StreamedText {

    private final StringBuilder buffer = new StringBuilder();
    private final ReadOnlyStringWrapper published = new ReadOnlyStringWrapper("");

    StreamedText(String text) {
        set(text);
    }

    void append(String piece) {
        buffer.append(piece);
    }

    /** The whole text at once, published. */
    void set(String text) {
        buffer.setLength(0);
        buffer.append(text);
        published.set(text);
    }

    void publish() {
        published.set(buffer.toString());
    }

    /** Everything received so far, published or not. */
    String received() {
        return buffer.toString();
    }

    /** What the view shows. */
    String get() {
        return published.get();
    }

    ReadOnlyStringProperty property() {
        return published.getReadOnlyProperty();
    }
}
