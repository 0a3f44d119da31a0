package dev.ollamamax.ui.chat;

/** A model of the picker, with the node that would serve it now (the router's first choice). */
public record ModelChoice(String name, String node) {

    @Override
    public String toString() {
        return node.isEmpty() ? name : name + "  —  " + node;
    }
}
