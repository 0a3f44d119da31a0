package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a parsed client frame into a {@link ClientFrame}, saying exactly which field is wrong when one is. */
final class ClientFrameReader {

    static final String TYPES = "auth, inference, cancel, ping, get_nodes, subscribe";
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final int MAX_ID_LENGTH = 200;
    /** The largest {@code settings.num_ctx} accepted (2^21 tokens). */
    static final int MAX_NUM_CTX = 2_097_152;
    static final int MAX_STOP = 16;
    static final int MAX_STOP_LENGTH = 200;

    ClientFrame read(JsonNode frame) throws ProtocolException {
        if (!frame.isObject()) {
            throw bad("Each frame must be a JSON object with a \"type\", such as {\"type\":\"ping\"}");
        }
        JsonNode type = frame.get("type");
        if (type == null || type.isNull()) {
            throw bad("The frame has no \"type\"; it must be one of " + TYPES);
        }
        if (!type.isTextual()) {
            throw bad("The frame's \"type\" must be a string, one of " + TYPES);
        }
        return switch (type.asText()) {
            case "auth" -> new ClientFrame.Auth(requiredText(frame, "token", "auth", null));
            case "inference" -> inference(frame);
            case "cancel" -> new ClientFrame.Cancel(id(frame, "cancel"));
            case "ping" -> new ClientFrame.Ping(timestamp(frame));
            case "get_nodes" -> new ClientFrame.GetNodes();
            case "subscribe" -> new ClientFrame.Subscribe(topics(frame));
            default -> throw bad("Unknown frame type \"" + shown(type.asText()) + "\"; the server understands " + TYPES);
        };
    }

    private ClientFrame.Inference inference(JsonNode frame) throws ProtocolException {
        String id = id(frame, "inference");
        String model = requiredText(frame, "model", "inference", id);
        JsonNode messages = frame.get("messages");
        JsonNode content = frame.get("content");
        boolean hasMessages = messages != null && !messages.isNull();
        boolean hasContent = content != null && !content.isNull();
        if (hasMessages == hasContent) {
            throw bad(hasMessages ? "An inference takes either \"messages\" or \"content\", not both"
                    : "An inference needs \"messages\" (the conversation, [{role, content}]) or \"content\" (one user message)", id);
        }
        List<ChatMessage> conversation = null;
        String text = null;
        if (hasMessages) {
            conversation = messages(messages, id);
        } else if (!content.isTextual() || content.asText().isBlank()) {
            throw bad("\"content\" must be a non-empty string (the user's message)", id);
        } else {
            text = content.asText();
        }
        String conversationId = optionalText(frame, "conversation_id", id);
        GenerationSettings settings = settings(frame.get("settings"), id);
        String node = optionalText(frame, "node", id);
        JsonNode regenerate = frame.get("regenerate");
        if (regenerate != null && !regenerate.isNull() && !regenerate.isBoolean()) {
            throw bad("\"regenerate\" must be true or false", id);
        }
        Boolean again = regenerate != null && regenerate.asBoolean(false) ? Boolean.TRUE : null;
        JsonNode edit = frame.get("edit");
        if (edit != null && !edit.isNull() && !edit.isBoolean()) {
            throw bad("\"edit\" must be true or false", id);
        }
        Boolean edited = edit != null && edit.asBoolean(false) ? Boolean.TRUE : null;
        if (again != null && edited != null) {
            throw bad("An inference is either a \"regenerate\" or an \"edit\", not both", id);
        }
        return new ClientFrame.Inference(id, model, conversation, text, conversationId, settings, node, again, edited);
    }

    private List<ChatMessage> messages(JsonNode messages, String id) throws ProtocolException {
        if (!messages.isArray() || messages.isEmpty()) {
            throw bad("\"messages\" must be a non-empty array of {role, content}", id);
        }
        List<ChatMessage> out = new ArrayList<>();
        ImageReader images = new ImageReader();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw bad(where + " must be an object {role, content}", id);
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw bad(where + ".role must be one of system, user, assistant, tool", id);
            }
            JsonNode content = m.get("content");
            if (content == null || !content.isTextual()) {
                throw bad(where + ".content must be a string", id);
            }
            out.add(new ChatMessage(role.asText(), content.asText(), images.read(m.get("images"), where, id)));
        }
        return List.copyOf(out);
    }

    private GenerationSettings settings(JsonNode s, String id) throws ProtocolException {
        if (s == null || s.isNull()) {
            return null;
        }
        if (!s.isObject()) {
            throw bad("\"settings\" must be an object such as {\"temperature\": 0.7, \"maxTokens\": 256}", id);
        }
        Boolean streaming = null;
        JsonNode v = s.get("streaming");
        if (v != null && !v.isNull()) {
            if (!v.isBoolean()) {
                throw bad("settings.streaming must be true or false", id);
            }
            streaming = v.asBoolean();
        }
        Double temperature = number(s, "temperature", 0, 100, id);
        Double maxTokens = number(s, "maxTokens", 1, Integer.MAX_VALUE, id);
        if (maxTokens != null && maxTokens != Math.floor(maxTokens)) {
            throw bad("settings.maxTokens must be a whole number", id);
        }
        Double topP = number(s, "top_p", 0, 1, id);
        Double seed = number(s, "seed", Long.MIN_VALUE, Long.MAX_VALUE, id);
        Boolean think = null;
        v = s.get("think");
        if (v != null && !v.isNull()) {
            if (!v.isBoolean()) {
                throw bad("settings.think must be true or false", id);
            }
            think = v.asBoolean();
        }
        Double numCtx = number(s, "num_ctx", 1, MAX_NUM_CTX, id);
        if (numCtx != null && numCtx != Math.floor(numCtx)) {
            throw bad("settings.num_ctx must be a whole number (the context window in tokens)", id);
        }
        List<String> stop = stop(s.get("stop"), id);
        String system = null;
        v = s.get("system");
        if (v != null && !v.isNull()) {
            if (!v.isTextual()) {
                throw bad("settings.system must be a string (the system prompt)", id);
            }
            system = v.asText();
        }
        return new GenerationSettings(streaming, temperature, maxTokens == null ? null : maxTokens.intValue(), system,
                topP, seed == null ? null : seed.longValue(), think, numCtx == null ? null : numCtx.intValue(), stop);
    }

    private static List<String> stop(JsonNode v, String id) throws ProtocolException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.size() > MAX_STOP) {
            throw bad("settings.stop must be an array of at most " + MAX_STOP + " strings", id);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode one = v.get(i);
            if (!one.isTextual() || one.asText().isEmpty() || one.asText().length() > MAX_STOP_LENGTH) {
                throw bad("settings.stop[" + i + "] must be a non-empty string of at most " + MAX_STOP_LENGTH + " characters", id);
            }
            out.add(one.asText());
        }
        return List.copyOf(out);
    }

    private static Double number(JsonNode s, String field, double min, double max, String id) throws ProtocolException {
        JsonNode v = s.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw bad("settings." + field + " must be a number from " + format(min) + " to " + format(max), id);
        }
        return v.asDouble();
    }

    private static String format(double d) {
        return d == Math.floor(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<Topic> topics(JsonNode frame) throws ProtocolException {
        JsonNode topics = frame.get("topics");
        String allowed = "nodes, services, metrics";
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw bad("subscribe needs \"topics\": a non-empty array with any of " + allowed);
        }
        Set<Topic> out = new LinkedHashSet<>();
        for (JsonNode t : topics) {
            Topic topic = t.isTextual() ? Topic.fromWire(t.asText()).orElse(null) : null;
            if (topic == null) {
                throw bad("Unknown topic " + shown(t.toString()) + "; the topics are " + allowed);
            }
            out.add(topic);
        }
        return List.copyOf(out);
    }

    private static Long timestamp(JsonNode frame) throws ProtocolException {
        JsonNode ts = frame.get("timestamp");
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
            throw bad("ping's \"timestamp\" must be a whole number (for example milliseconds since 1970)");
        }
        return ts.asLong();
    }

    private static String id(JsonNode frame, String type) throws ProtocolException {
        JsonNode id = frame.get("id");
        if (id == null || id.isNull()) {
            throw bad(type + " needs an \"id\" (a string the client chooses, unique on this connection)");
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            throw bad(type + "'s \"id\" must be a non-empty string");
        }
        if (id.asText().length() > MAX_ID_LENGTH) {
            throw bad(type + "'s \"id\" is longer than " + MAX_ID_LENGTH + " characters");
        }
        return id.asText();
    }

    private static String requiredText(JsonNode frame, String field, String type, String id) throws ProtocolException {
        JsonNode v = frame.get(field);
        if (v == null || v.isNull()) {
            throw bad(type + " needs \"" + field + "\"", id);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(type + "'s \"" + field + "\" must be a non-empty string", id);
        }
        return v.asText();
    }

    private static String optionalText(JsonNode frame, String field, String id) throws ProtocolException {
        JsonNode v = frame.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad("\"" + field + "\" must be a non-empty string when it is given", id);
        }
        return v.asText();
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }

    private static ProtocolException bad(String message, String id) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message, id);
    }

    /** Client text repeated in an error message: at most {@value #MAX_SHOWN} characters, so an error never echoes a huge input. */
    static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "… (" + text.length() + " characters)";
    }

    static final int MAX_SHOWN = 64;
}
