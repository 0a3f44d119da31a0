package dev.ollamamax.ui.common;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/**
 * Keeps the focused control of a scrolled form in view: Tab into a field below the fold and the pane scrolls to
 * it, as browsers do. Without it a keyboard user types into a field they cannot see.
 */
public final class FocusScroll {

    private FocusScroll() {
    }

    /** Scrolls {@code pane} whenever focus moves to a node inside its content. Call once the pane is in a scene or before. */
    public static void follow(ScrollPane pane) {
        pane.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, before, owner) -> {
                    if (owner != null && isInside(owner, pane.getContent())) {
                        reveal(pane, owner);
                    }
                });
            }
        });
    }

    /** Scrolls {@code pane} vertically by the least amount that shows all of {@code node} (or its top if taller). */
    public static void reveal(ScrollPane pane, Node node) {
        Node content = pane.getContent();
        if (content == null || !isInside(node, content)) {
            return;
        }
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewport = pane.getViewportBounds().getHeight();
        double scrollable = contentHeight - viewport;
        if (scrollable <= 0) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double top = pane.getVvalue() * scrollable;
        double target = top;
        if (b.getMinY() < top) {
            target = b.getMinY();
        } else if (b.getMaxY() > top + viewport) {
            target = Math.min(b.getMinY(), b.getMaxY() - viewport);
        }
        pane.setVvalue(Math.clamp(target / scrollable, 0.0, 1.0));
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
