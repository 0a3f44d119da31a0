package dev.ollamamax.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ollamamax.server.errors.GatewayException;
import java.util.Optional;

/**
 * OpenAI's reasoning effort as Ollama's {@code think}, the way Ollama's own OpenAI layer maps it:
 * {@code none} turns thinking off, {@code low}/{@code medium}/{@code high}/{@code max} are Ollama's levels,
 * {@code minimal} is clamped to {@code low} and {@code xhigh} to {@code max}. Read from
 * {@code reasoning.effort} (which wins, as in Ollama) or {@code reasoning_effort}.
 */
final class Reasoning {

    private Reasoning() {
    }

    /** Sets {@code think} on {@code out} when the request names an effort. */
    static void think(ObjectNode body, ObjectNode out) {
        Optional<JsonNode> reasoning = OpenAiRequests.present(body, "reasoning");
        if (reasoning.isPresent()) {
            JsonNode r = reasoning.get();
            if (!r.isObject()) {
                throw GatewayException.badRequest("The field 'reasoning' must be an object like {\"effort\": \"low\"}", "reasoning");
            }
            r.fieldNames().forEachRemaining(f -> {
                if (!f.equals("effort") && !f.equals("summary") && !r.get(f).isNull()) {
                    throw GatewayException.badRequest("reasoning." + f + " is not supported; only reasoning.effort (and summary)", "reasoning." + f);
                }
            });
            OpenAiRequests.present(r, "effort").ifPresent(e -> set(e, "reasoning.effort", out));
            return;
        }
        OpenAiRequests.present(body, "reasoning_effort").ifPresent(e -> set(e, "reasoning_effort", out));
    }

    private static void set(JsonNode effort, String param, ObjectNode out) {
        String e = effort.isTextual() ? effort.asText() : "";
        switch (e) {
            case "none" -> out.put("think", false);
            case "minimal" -> out.put("think", "low");
            case "low", "medium", "high", "max" -> out.put("think", e);
            case "xhigh" -> out.put("think", "max");
            default -> throw GatewayException.badRequest("The field '" + param + "' must be one of none, minimal, low, medium,"
                    + " high, xhigh, max; got " + effort, param);
        }
    }
}
