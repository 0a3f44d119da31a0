package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes chat frames as JSON text. Thread-safe. Client frames are read with checks that
 * explain, in words, what is wrong with a frame ({@link ProtocolException} with {@code bad_request});
 * server frames of an unknown type are read as {@link ServerFrame.Unknown}.
 */
public final class FrameCodec {

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    private final ObjectWriter clientWriter = json.writerFor(ClientFrame.class);
    private final ObjectWriter serverWriter = json.writerFor(ServerFrame.class);
    private final Map<String, Class<?>> serverTypes = new HashMap<>();
    private final ClientFrameReader clientReader = new ClientFrameReader();

    public FrameCodec() {
        for (JsonSubTypes.Type t : ServerFrame.class.getAnnotation(JsonSubTypes.class).value()) {
            serverTypes.put(t.value().getAnnotation(JsonTypeName.class).value(), t.value());
        }
    }

    public String write(ClientFrame frame) {
        try {
            return clientWriter.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + frame.getClass().getSimpleName(), e);
        }
    }

    public String write(ServerFrame frame) {
        try {
            return serverWriter.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + frame.getClass().getSimpleName(), e);
        }
    }

    /** Reads and checks a frame from a client; what is wrong is said in the exception's message. */
    public ClientFrame readClient(String text) throws ProtocolException {
        return clientReader.read(tree(text));
    }

    /** Reads a frame from the server; a type this client does not know becomes {@link ServerFrame.Unknown}. */
    public ServerFrame readServer(String text) throws ProtocolException {
        JsonNode node = tree(text);
        String type = node.path("type").asText("");
        Class<?> target = serverTypes.get(type);
        if (target == null) {
            return new ServerFrame.Unknown(type, node);
        }
        try {
            ObjectReader reader = json.readerFor(target);
            return (ServerFrame) reader.readValue(node);
        } catch (java.io.IOException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The server sent a \"" + type + "\" frame this client cannot read: "
                    + shortMessage(e));
        }
    }

    private JsonNode tree(String text) throws ProtocolException {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame is empty; each frame must be one JSON object with a \"type\"");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "The frame is not valid JSON: " + shortMessage(e));
        }
    }

    private static String shortMessage(java.io.IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message != null && message.length() > 200) { // parser messages quote the input: never echo much of it
            message = message.substring(0, 200) + "…";
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            message += " (at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
