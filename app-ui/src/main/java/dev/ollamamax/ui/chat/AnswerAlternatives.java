package dev.ollamamax.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every answer to one question (regenerated ones), oldest first, and which one is shown; empty while there is
 * only one. The shown answer lives in its {@link ChatItem}; here it is a snapshot taken when another is shown.
 */
final class AnswerAlternatives {

    /** One of several answers to the same question. */
    record Alternative(String text, String model, String node) {
    }

    private final List<Alternative> all = new ArrayList<>();
    private int shown;

    /**
     * Before a regenerate: keeps {@code current} (the answer shown) and makes room for the new one, which
     * becomes the shown (and chosen) answer once it streams in.
     */
    void keep(Alternative current) {
        if (all.isEmpty()) {
            all.add(current);
        } else {
            all.set(shown, current);
        }
        all.add(new Alternative("", current.model(), ""));
        shown = all.size() - 1;
    }

    /** The stored answers of a reloaded conversation, with the chosen one shown. */
    void set(List<Alternative> stored, int chosen) {
        all.clear();
        if (stored.size() > 1) {
            all.addAll(stored);
            shown = chosen;
        }
    }

    /** Shows answer {@code index} in place of {@code current}; empty when there is no such one or it is shown. */
    Optional<Alternative> show(int index, Alternative current) {
        if (index < 0 || index >= all.size() || index == shown) {
            return Optional.empty();
        }
        all.set(shown, current);
        shown = index;
        return Optional.of(all.get(index));
    }

    /** "2 / 3" when there are several answers, else empty. */
    String position() {
        return all.size() > 1 ? (shown + 1) + " / " + all.size() : "";
    }

    int shown() {
        return shown;
    }

    int count() {
        return Math.max(1, all.size());
    }
}
