package dev.ollamamax.ui.common;

/** How many configured Ollama nodes are healthy, for the status bar. Supplied by the nodes feature. */
public record NodeSummary(int healthy, int total) {

    public NodeSummary {
        if (healthy < 0 || total < 0 || healthy > total) {
            throw new IllegalArgumentException("need 0 <= healthy <= total, got " + healthy + "/" + total);
        }
    }
}
