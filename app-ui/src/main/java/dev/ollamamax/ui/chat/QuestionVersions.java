package dev.ollamamax.ui.chat;

import java.util.List;

/** The stored versions of an edited question: message ids, oldest first, and the shown one. */
record QuestionVersions(List<Long> ids, int shown) {

    /** A question that was never edited. */
    static final QuestionVersions NONE = new QuestionVersions(List.of(), 0);

    /** "1 / 2" when there are several versions, else empty. */
    String position() {
        return ids.size() > 1 ? (shown + 1) + " / " + ids.size() : "";
    }
}
