package dev.ollamamax.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The finer generation options of a conversation: {@code think} for reasoning models, the context window
 * ({@code num_ctx}), {@code top_p}, {@code seed} and stop sequences. Empty values mean the node's default.
 */
public record ChatOptions(boolean think, Optional<Integer> numCtx, Optional<Double> topP, Optional<Long> seed,
                          List<String> stop) {

    public ChatOptions {
        stop = List.copyOf(stop);
        numCtx.ifPresent(n -> {
            if (n < 1 || n > 2_097_152) {
                throw new IllegalArgumentException("the context window must be between 1 and 2097152 tokens");
            }
        });
        topP.ifPresent(p -> {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("top_p must be between 0 and 1");
            }
        });
        if (stop.size() > 16 || stop.stream().anyMatch(s -> s.isEmpty() || s.length() > 200)) {
            throw new IllegalArgumentException("at most 16 stop sequences, each 1 to 200 characters");
        }
    }

    public static ChatOptions defaults() {
        return new ChatOptions(false, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public ChatOptions withThink(boolean on) {
        return new ChatOptions(on, numCtx, topP, seed, stop);
    }

    public ChatOptions withNumCtx(Optional<Integer> n) {
        return new ChatOptions(think, n, topP, seed, stop);
    }

    public ChatOptions withTopP(Optional<Double> p) {
        return new ChatOptions(think, numCtx, p, seed, stop);
    }

    public ChatOptions withSeed(Optional<Long> s) {
        return new ChatOptions(think, numCtx, topP, s, stop);
    }

    public ChatOptions withStop(List<String> sequences) {
        return new ChatOptions(think, numCtx, topP, seed, sequences);
    }

    /**
     * Stop sequences as typed in one field: separated by commas (spaces around each dropped), with {@code \n}, {@code \t}, {@code \,} and
     * {@code \\} for a new line, a tab, a comma and a backslash; blanks are dropped.
     */
    static List<String> parseStop(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder one = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                one.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else if (c == ',') {
                add(out, one);
            } else {
                one.append(c);
            }
        }
        add(out, one);
        return out;
    }

    /** Spaces around a sequence are the separator's, not the sequence's; new lines and tabs count. */
    private static void add(List<String> out, StringBuilder one) {
        String s = one.toString().replaceAll("^ +| +$", "");
        if (!s.isEmpty()) {
            out.add(s);
        }
        one.setLength(0);
    }

    /** The stop sequences as {@link #parseStop} reads them back. */
    String stopText() {
        return String.join(", ", stop.stream().map(s -> s.replace("\\", "\\\\").replace(",", "\\,")
                .replace("\n", "\\n").replace("\t", "\\t")).toList());
    }
}
