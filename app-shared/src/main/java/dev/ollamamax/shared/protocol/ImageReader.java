package dev.ollamamax.shared.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks the {@code images} of an inference's messages: base64 strings (standard alphabet, padded, no
 * {@code data:} prefix), at most {@value #MAX_PER_MESSAGE} per message and {@value #MAX_PER_INFERENCE} in one
 * inference, each at most {@value #MAX_IMAGE_BYTES} bytes once decoded. One reader counts over one inference.
 */
final class ImageReader {

    static final int MAX_PER_MESSAGE = 8;
    static final int MAX_PER_INFERENCE = 32;
    static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;

    private int seen;

    List<String> read(JsonNode images, String where, String id) throws ProtocolException {
        if (images == null || images.isNull()) {
            return List.of();
        }
        String field = where + ".images";
        if (!images.isArray()) {
            throw bad(field + " must be an array of base64-encoded images", id);
        }
        if (images.size() > MAX_PER_MESSAGE) {
            throw bad(field + " has " + images.size() + " images; a message takes at most " + MAX_PER_MESSAGE, id);
        }
        seen += images.size();
        if (seen > MAX_PER_INFERENCE) {
            throw bad(field + ": the messages carry more than " + MAX_PER_INFERENCE + " images in all", id);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(image(images.get(i), field + "[" + i + "]", id));
        }
        return List.copyOf(out);
    }

    private static String image(JsonNode image, String field, String id) throws ProtocolException {
        if (!image.isTextual() || image.asText().isEmpty()) {
            throw bad(field + " must be a non-empty base64 string", id);
        }
        String text = image.asText();
        if (text.startsWith("data:")) {
            throw bad(field + " is a data: URL; send only the base64 text after the comma", id);
        }
        long decoded = (long) text.length() / 4 * 3;
        if (decoded - 2 > MAX_IMAGE_BYTES) {
            throw bad(field + " is larger than " + MAX_IMAGE_BYTES / (1024 * 1024) + " MiB; send a smaller image", id);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw bad(field + " is not valid base64 (" + e.getMessage() + ")", id);
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw bad(field + " is larger than " + MAX_IMAGE_BYTES / (1024 * 1024) + " MiB; send a smaller image", id);
        }
        return text;
    }

    private static ProtocolException bad(String message, String id) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message, id);
    }
}
