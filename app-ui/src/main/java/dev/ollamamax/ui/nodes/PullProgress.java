package dev.ollamamax.ui.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds up the NDJSON lines of an Ollama pull ({@code pulling manifest}, per layer {@code {status, digest,
 * total, completed}}, {@code verifying sha256 digest}, {@code writing manifest}, {@code success}, or one
 * {@code {"error"}}) into per-layer and overall progress. Not thread-safe: one pull feeds it.
 */
public final class PullProgress {

    /** One layer: bytes done of its size. */
    public record Layer(String digest, long total, long completed) {
        public double fraction() {
            return total <= 0 ? 0 : Math.min(1.0, (double) completed / total);
        }

        /** The short form Ollama prints ({@code 2af3b81862c6}). */
        public String shortDigest() {
            String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
            return hex.length() > 12 ? hex.substring(0, 12) : hex;
        }
    }

    /** Where the pull is. */
    public enum Phase { STARTING, DOWNLOADING, VERIFYING, SUCCESS, FAILED }

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final List<String> steps = new ArrayList<>();
    private String status = "starting";
    private Phase phase = Phase.STARTING;
    private Optional<String> error = Optional.empty();

    /** Takes one line of the pull's answer. */
    public void accept(JsonNode line) {
        if (line.hasNonNull("error")) {
            phase = Phase.FAILED;
            error = Optional.of(line.get("error").asText());
            status = "failed: " + error.get();
            return;
        }
        status = line.path("status").asText(status);
        String digest = line.path("digest").asText("");
        if (digest.isEmpty() && (steps.isEmpty() || !steps.getLast().equals(status))) {
            steps.add(status);
        }
        if (!digest.isEmpty()) {
            long total = line.path("total").asLong(0);
            long completed = line.path("completed").asLong(0);
            Layer before = layers.get(digest);
            // lines of one layer may arrive out of order from parallel downloads: never go backwards
            long done = before == null ? completed : Math.max(before.completed(), completed);
            layers.put(digest, new Layer(digest, Math.max(total, before == null ? 0 : before.total()), done));
            phase = Phase.DOWNLOADING;
        } else if (status.equals("success")) {
            phase = Phase.SUCCESS;
            layers.replaceAll((d, l) -> new Layer(d, l.total(), l.total()));
        } else if (status.startsWith("verifying") || status.startsWith("writing") || status.startsWith("removing")) {
            phase = Phase.VERIFYING;
        }
    }

    /** Marks a pull that ended without {@code success} or an error line (a cut connection). */
    public void endedWithout(String why) {
        if (phase != Phase.SUCCESS && phase != Phase.FAILED) {
            phase = Phase.FAILED;
            error = Optional.of(why);
            status = "failed: " + why;
        }
    }

    public List<Layer> layers() {
        return new ArrayList<>(layers.values());
    }

    /** All bytes done over all bytes known, 0 to 1; 1 after {@code success}; 0 before the first layer. */
    public double overall() {
        if (phase == Phase.SUCCESS) {
            return 1.0;
        }
        long total = 0;
        long done = 0;
        for (Layer l : layers.values()) {
            total += l.total();
            done += Math.min(l.completed(), l.total());
        }
        return total == 0 ? 0 : (double) done / total;
    }

    public long totalBytes() {
        return layers.values().stream().mapToLong(Layer::total).sum();
    }

    public long completedBytes() {
        return layers.values().stream().mapToLong(l -> Math.min(l.completed(), l.total())).sum();
    }

    /** The status lines without a layer (a create's steps: {@code creating system layer}, …), in order. */
    public List<String> steps() {
        return List.copyOf(steps);
    }

    /** The last status line, as Ollama said it. */
    public String status() {
        return status;
    }

    public Phase phase() {
        return phase;
    }

    public Optional<String> error() {
        return error;
    }

    /** An immutable copy, to hand to the UI thread. */
    public Snapshot snapshot() {
        return new Snapshot(status, phase, layers(), overall(), completedBytes(), totalBytes(), error, steps());
    }

    /** The progress at one moment. */
    public record Snapshot(String status, Phase phase, List<Layer> layers, double overall, long completedBytes,
                           long totalBytes, Optional<String> error, List<String> steps) {
        public Snapshot {
            layers = List.copyOf(layers);
            steps = List.copyOf(steps);
        }
    }
}
