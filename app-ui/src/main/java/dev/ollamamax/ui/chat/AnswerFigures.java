package dev.ollamamax.ui.chat;

import java.util.Locale;

/**
 * The figures of one answer: time to first token, speed, and token counts (the prompt the node read and the
 * answer, thinking included); -1 while unknown. {@link #describe} writes the line under the answer.
 */
final class AnswerFigures {

    private long ttftMs = -1;
    private double tokensPerSecond = -1;
    private long promptTokens = -1;
    private long completionTokens = -1;

    void timing(long ttft, double tps) {
        ttftMs = ttft;
        tokensPerSecond = tps;
    }

    void tokens(long prompt, long completion) {
        promptTokens = prompt;
        completionTokens = completion;
    }

    /** Forgets the timing (another answer is shown); the token counts stay. */
    void clearTiming() {
        timing(-1, -1);
    }

    /** Forgets everything (the answer is asked again). */
    void clear() {
        clearTiming();
        tokens(-1, -1);
    }

    /** "model · node · first token 120 ms · 48.3 tok/s · 95 tokens (prompt 12)", leaving out what is unknown. */
    String describe(String model, String node) {
        StringBuilder d = new StringBuilder(model);
        if (!node.isEmpty()) {
            d.append(" · ").append(node);
        }
        if (ttftMs >= 0) {
            d.append(" · first token ").append(ttftMs).append(" ms");
        }
        if (tokensPerSecond >= 0) {
            d.append(" · ").append(String.format(Locale.ROOT, "%.1f", tokensPerSecond)).append(" tok/s");
        }
        if (completionTokens >= 0) {
            d.append(" · ").append(completionTokens).append(" tokens");
            if (promptTokens >= 0) {
                d.append(" (prompt ").append(promptTokens).append(')');
            }
        }
        return d.toString();
    }

    long ttftMs() {
        return ttftMs;
    }

    double tokensPerSecond() {
        return tokensPerSecond;
    }

    long completionTokens() {
        return completionTokens;
    }
}
