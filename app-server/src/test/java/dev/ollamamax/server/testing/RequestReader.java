package dev.ollamamax.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads one HTTP/1.1 request (request line, headers, a Content-Length or chunked body) from a socket. */
final class RequestReader {

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_BODY = 32 * 1024 * 1024;

    /** A request the fake cannot parse; answered with 400 and the connection closed. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private RequestReader() {
    }

    /** A parsed request and whether the connection may serve another one after it. */
    record Incoming(RecordedRequest request, boolean keepAlive) {
    }

    /** The next request, or empty when the client closed the connection between requests. */
    static Optional<Incoming> read(InputStream in, OutputStream out) throws IOException, Malformed {
        String requestLine = line(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = line(in); // tolerate stray CRLF between requests (RFC 9112 2.2)
        }
        if (requestLine == null) {
            return Optional.empty();
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Malformed("bad request line: " + requestLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new Malformed("bad header: " + header);
            }
            headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = body(in, headers);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        RecordedRequest request = new RecordedRequest(parts[0], path, query, headers,
                new String(body, StandardCharsets.UTF_8), body);
        String connection = request.header("Connection").orElse("").toLowerCase(Locale.ROOT);
        boolean keepAlive = "HTTP/1.0".equals(parts[2])
                ? connection.contains("keep-alive") : !connection.contains("close");
        return Optional.of(new Incoming(request, keepAlive));
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException, Malformed {
        String encoding = first(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return chunked(in);
        }
        String length = first(headers, "Content-Length");
        if (length == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(length);
        } catch (NumberFormatException e) {
            throw new Malformed("bad Content-Length: " + length);
        }
        if (n < 0 || n > MAX_BODY) {
            throw new Malformed("body too large or negative: " + n);
        }
        byte[] body = in.readNBytes((int) n);
        if (body.length != n) {
            throw new IOException("connection closed in the middle of the request body");
        }
        return body;
    }

    private static byte[] chunked(InputStream in) throws IOException, Malformed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new IOException("connection closed in the middle of a chunked body");
            }
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new Malformed("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new Malformed("chunked body too large");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("connection closed in the middle of a chunk");
            }
            body.write(chunk);
            line(in); // the CRLF after the chunk data
        }
    }

    /** One line without its CRLF (a bare LF is accepted), or null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException, Malformed {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int len = buf.size();
                byte[] bytes = buf.toByteArray();
                return new String(bytes, 0, len > 0 && bytes[len - 1] == '\r' ? len - 1 : len,
                        StandardCharsets.ISO_8859_1);
            }
            if (buf.size() >= MAX_LINE) {
                throw new Malformed("line too long");
            }
            buf.write(b);
        }
        if (buf.size() == 0) {
            return null;
        }
        throw new IOException("connection closed in the middle of a line");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst())
                .findFirst().orElse(null);
    }
}
