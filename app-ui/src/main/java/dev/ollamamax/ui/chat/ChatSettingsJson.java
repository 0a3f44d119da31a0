package dev.ollamamax.ui.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ChatSettings} as JSON, for the per-conversation settings file and the presets file. */
final class ChatSettingsJson {

    private ChatSettingsJson() {
    }

    static ChatSettings read(JsonNode n) {
        List<String> stop = new ArrayList<>();
        n.path("stop").forEach(s -> stop.add(s.asText()));
        ChatOptions options = new ChatOptions(n.path("think").asBoolean(false),
                n.hasNonNull("num_ctx") ? Optional.of(n.get("num_ctx").asInt()) : Optional.empty(),
                n.hasNonNull("top_p") ? Optional.of(n.get("top_p").asDouble()) : Optional.empty(),
                n.hasNonNull("seed") ? Optional.of(n.get("seed").asLong()) : Optional.empty(), stop);
        return new ChatSettings(
                Optional.ofNullable(n.path("model").asText(null)).filter(s -> !s.isBlank()),
                n.path("system").asText(""),
                n.hasNonNull("temperature") ? Optional.of(n.get("temperature").asDouble()) : Optional.empty(),
                n.hasNonNull("max_tokens") ? Optional.of(n.get("max_tokens").asInt()) : Optional.empty(), options);
    }

    /** Writes the settings into {@code n}; the model only when {@code withModel}. */
    static void write(ObjectNode n, ChatSettings s, boolean withModel) {
        if (withModel) {
            s.model().ifPresent(m -> n.put("model", m));
        }
        n.put("system", s.system());
        s.temperature().ifPresent(t -> n.put("temperature", t));
        s.maxTokens().ifPresent(m -> n.put("max_tokens", m));
        ChatOptions o = s.options();
        if (o.think()) {
            n.put("think", true);
        }
        o.numCtx().ifPresent(v -> n.put("num_ctx", v));
        o.topP().ifPresent(v -> n.put("top_p", v));
        o.seed().ifPresent(v -> n.put("seed", v));
        if (!o.stop().isEmpty()) {
            o.stop().forEach(n.putArray("stop")::add);
        }
    }
}
