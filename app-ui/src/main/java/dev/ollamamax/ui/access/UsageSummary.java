package dev.ollamamax.ui.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /auth/usage} folded for the charts: tokens (prompt + completion) per day for each model and for
 * each key, every day of the range present, and the totals.
 */
public record UsageSummary(List<String> days, Map<String, Map<String, Long>> byModel,
                           Map<String, Map<String, Long>> byKey, long requests, long promptTokens,
                           long completionTokens) {

    /** The name a row's key is charted under: the key's name and prefix, or how the desktop signs in. */
    static final String SIGNED_IN = "signed in (no key)";

    public static UsageSummary empty() {
        return new UsageSummary(List.of(), Map.of(), Map.of(), 0, 0, 0);
    }

    public boolean isEmpty() {
        return requests == 0;
    }

    static UsageSummary of(JsonNode answer) {
        LocalDate from = LocalDate.parse(answer.path("from").asText());
        LocalDate to = LocalDate.parse(answer.path("to").asText());
        List<String> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        Map<String, Map<String, Long>> byModel = new TreeMap<>();
        Map<String, Map<String, Long>> byKey = new TreeMap<>();
        long requests = 0;
        long prompt = 0;
        long completion = 0;
        for (JsonNode row : answer.path("usage")) {
            long p = row.path("prompt_tokens").asLong();
            long c = row.path("completion_tokens").asLong();
            requests += row.path("requests").asLong();
            prompt += p;
            completion += c;
            String day = row.path("day").asText();
            String key = row.path("api_key_id").isNull() || row.path("api_key_id").isMissingNode() ? SIGNED_IN
                    : row.path("key_name").asText("key") + " (" + row.path("key_prefix").asText("") + "…)";
            byModel.computeIfAbsent(row.path("model").asText("?"), m -> new TreeMap<>()).merge(day, p + c, Long::sum);
            byKey.computeIfAbsent(key, m -> new TreeMap<>()).merge(day, p + c, Long::sum);
        }
        return new UsageSummary(List.copyOf(days), byModel, byKey, requests, prompt, completion);
    }
}
