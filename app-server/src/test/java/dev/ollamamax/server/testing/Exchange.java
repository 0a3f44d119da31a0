package dev.ollamamax.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * One request and the means to answer it exactly once: a whole response, a chunked stream written and
 * flushed line by line, a cut connection, or a hang until the server stops.
 */
final class Exchange {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private enum Phase { NEW, STREAMING, DONE, CUT }

    private final RecordedRequest request;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean keepAlive;
    private final ObjectMapper json;
    private final CountDownLatch stopped;
    private Phase phase = Phase.NEW;

    Exchange(RecordedRequest request, Socket socket, InputStream in, OutputStream out, boolean keepAlive,
             ObjectMapper json, CountDownLatch stopped) {
        this.request = request;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.keepAlive = keepAlive;
        this.json = json;
        this.stopped = stopped;
    }

    RecordedRequest request() {
        return request;
    }

    ObjectMapper json() {
        return json;
    }

    void json(int status, Object body) throws IOException {
        whole(status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    void text(int status, String body) throws IOException {
        whole(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response without a body ({@code Content-Length: 0}). */
    void empty(int status) throws IOException {
        whole(status, null, new byte[0]);
    }

    /** Sends status 200 and the headers of a chunked NDJSON stream; then {@link #line} and {@link #endStream}. */
    void startStream() throws IOException {
        requirePhase(Phase.NEW);
        head(200, "application/x-ndjson", "Transfer-Encoding: chunked\r\n");
        out.flush();
        phase = Phase.STREAMING;
    }

    /** Writes one JSON object and a newline as its own chunk, and flushes it to the socket. */
    void line(Object body) throws IOException {
        requirePhase(Phase.STREAMING);
        byte[] bytes = json.writeValueAsBytes(body);
        out.write((Integer.toHexString(bytes.length + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    void endStream() throws IOException {
        requirePhase(Phase.STREAMING);
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        phase = Phase.DONE;
    }

    /** Closes the socket at once: no further byte, no terminating chunk. */
    void cut() {
        phase = Phase.CUT;
        try {
            socket.close();
        } catch (IOException e) {
            // already gone: that is what we wanted
        }
    }

    /**
     * Sends nothing more until the server stops or the client closes the connection, then cuts it. (Reading
     * is how a silent server notices that the client went away.)
     */
    void hang() {
        try {
            socket.setSoTimeout(0);
            while (stopped.getCount() > 0 && in.read() != -1) {
                // discard anything the client still sends; wait for its close or ours
            }
        } catch (IOException e) {
            // stop() closed the socket, or the client reset it
        }
        cut();
    }

    boolean responded() {
        return phase != Phase.NEW;
    }

    boolean streaming() {
        return phase == Phase.STREAMING;
    }

    /** Whether the connection can carry the next request. */
    boolean reusable() {
        return phase == Phase.DONE && keepAlive;
    }

    private void whole(int status, String contentType, byte[] body) throws IOException {
        requirePhase(Phase.NEW);
        head(status, contentType, "Content-Length: " + body.length + "\r\n");
        if (!"HEAD".equals(request.method())) {
            out.write(body);
        }
        out.flush();
        phase = Phase.DONE;
    }

    private void head(int status, String contentType, String framing) throws IOException {
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append(framing);
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void requirePhase(Phase expected) {
        if (phase != expected) {
            throw new IllegalStateException("response is " + phase + ", expected " + expected);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
