package dev.ollamamax.server.conversations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transcript as Markdown (for people) or as a JSON-ready map (for programs); the HTTP export and the desktop
 * use it. Both show the chosen path (each question with its chosen answer); JSON also lists, on a message with
 * alternatives (answers of a regenerated turn, versions of an edited question), all of them with their ids.
 */
public final class TranscriptExport {

    private TranscriptExport() {
    }

    /** A search hit as JSON: conversation id, title, snippet (matched words between {@code **}). */
    static Map<String, Object> hit(SearchHit h) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation_id", h.conversationId());
        body.put("title", h.title());
        body.put("snippet", h.snippet());
        body.put("message_id", h.messageId() == 0 ? null : h.messageId());
        body.put("updated_at", h.updatedAt().toString());
        return body;
    }

    public static String markdown(Transcript t) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(t.conversation().title()).append("\n\n");
        md.append("_Conversation ").append(t.conversation().id()).append(", started ")
                .append(t.conversation().createdAt()).append(", ").append(t.messages().size()).append(" messages._\n");
        for (Message m : t.messages()) {
            md.append("\n## ").append(capitalised(m.role()));
            if (m.model().isPresent()) {
                md.append(" (").append(m.model().get()).append(m.node().map(n -> " on " + n).orElse("")).append(')');
            }
            md.append(" · ").append(m.createdAt());
            List<Message> answers = t.alternativesOf(m);
            if (answers.size() > 1) {
                md.append(m.role().equals("assistant") ? " · answer " : " · version ").append(answers.indexOf(m) + 1)
                        .append(" of ").append(answers.size());
            }
            md.append("\n\n");
            if (m.thinking().isPresent()) {
                md.append("<details><summary>Thinking</summary>\n\n").append(m.thinking().get().strip())
                        .append("\n\n</details>\n\n");
            }
            md.append(m.content().strip()).append('\n');
            if (!m.images().isEmpty()) {
                md.append("\n_").append(m.images().size()).append(m.images().size() == 1 ? " image" : " images")
                        .append(" attached._\n");
            }
            if (m.promptTokens().isPresent() || m.completionTokens().isPresent()) {
                md.append("\n_").append(m.promptTokens().orElse(0)).append(" prompt tokens, ")
                        .append(m.completionTokens().orElse(0)).append(" completion tokens._\n");
            }
        }
        return md.toString();
    }

    public static Map<String, Object> json(Transcript t) {
        Map<String, Object> body = summary(t.conversation());
        List<Map<String, Object>> messages = t.messages().stream().map(m -> {
            Map<String, Object> one = message(m);
            List<Message> answers = t.alternativesOf(m);
            if (answers.size() > 1) {
                one.put("alternative", answers.indexOf(m) + 1);
                one.put("alternatives", answers.stream().map(TranscriptExport::message).toList());
            }
            return one;
        }).toList();
        body.put("messages", messages);
        return body;
    }

    static Map<String, Object> summary(Conversation c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("title", c.title());
        body.put("created_at", c.createdAt().toString());
        body.put("updated_at", c.updatedAt().toString());
        body.put("message_count", c.messageCount());
        return body;
    }

    private static Map<String, Object> message(Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", m.id());
        body.put("role", m.role());
        body.put("content", m.content());
        body.put("model", m.model().orElse(null));
        body.put("node", m.node().orElse(null));
        if (m.promptTokens().isPresent() || m.completionTokens().isPresent()) {
            body.put("usage", Map.of("prompt_tokens", m.promptTokens().orElse(0),
                    "completion_tokens", m.completionTokens().orElse(0)));
        }
        m.thinking().ifPresent(t -> body.put("thinking", t));
        if (!m.images().isEmpty()) {
            body.put("images", m.images());
        }
        body.put("created_at", m.createdAt().toString());
        return body;
    }

    private static String capitalised(String role) {
        return role.isEmpty() ? role : Character.toUpperCase(role.charAt(0)) + role.substring(1);
    }
}
