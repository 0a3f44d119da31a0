package dev.ollamamax.server.nodes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to a node, used by one request at a time on the caller's (virtual) thread:
 * no selector thread, no hand-off between threads per chunk. Everything read from the node is bounded
 * by {@link NodeLimits}; every error message is the gateway's own words.
 */
final class Http1Connection implements AutoCloseable {

    private final String hostHeader;
    private final NodeLimits limits;
    private final SocketChannel channel;
    private final Socket socket;
    private final BufferedInputStream in;
    private final CountingOutput counted;
    private final OutputStream out;
    private volatile boolean closed;
    private volatile long idleSinceNanos = System.nanoTime();

    Http1Connection(String host, InetAddress address, int port, boolean tls, NodeLimits limits) throws IOException {
        this.hostHeader = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        this.limits = limits;
        this.channel = SocketChannel.open();
        try {
            Socket plain = channel.socket();
            plain.setTcpNoDelay(true);
            int connectMillis = (int) Math.max(1, limits.connectTimeout().toMillis());
            plain.connect(new InetSocketAddress(address, port), connectMillis);
            if (tls) {
                javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) ((javax.net.ssl.SSLSocketFactory)
                        javax.net.ssl.SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
                javax.net.ssl.SSLParameters params = secure.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(params);
                secure.setSoTimeout(connectMillis);
                secure.startHandshake();
                this.socket = secure;
            } else {
                this.socket = plain;
            }
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.counted = new CountingOutput(socket.getOutputStream());
            this.out = new BufferedOutputStream(counted, 16 * 1024);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether a pooled connection can still be written to: false when the node has closed it (or sent
     * something unasked) while it sat idle. Looks without waiting.
     */
    boolean stillOpen() {
        if (isClosed()) {
            return false;
        }
        try {
            if (in.available() > 0) {
                return false;
            }
            channel.configureBlocking(false);
            try {
                int n = channel.read(ByteBuffer.allocate(1));
                return n == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Bytes of requests handed to the socket so far (0 means the node cannot have seen anything). */
    long bytesWritten() {
        return counted.count;
    }

    /** Writes one request. The Host header is the node's own host, loopback for a loopback node. */
    void write(String method, String path, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(160)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: OllamaMax-Gateway\r\n")
                .append("Accept: application/json, application/x-ndjson\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /**
     * Writes the head of a request whose body the caller streams into the returned stream: with a
     * {@code length} of -1 the body is sent chunked. Nothing is complete until {@link BodyOut#finish()}:
     * closing the connection before that leaves the node with an incomplete request, which it discards.
     */
    BodyOut startBody(String method, String path, String contentType, long length) throws IOException {
        StringBuilder head = new StringBuilder(160)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: OllamaMax-Gateway\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append(length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n")
                .append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new BodyOut(out, length < 0);
    }

    /** A request body being streamed to the node; see {@link #startBody}. */
    static final class BodyOut extends OutputStream {
        private final OutputStream target;
        private final boolean chunked;

        BodyOut(OutputStream target, boolean chunked) {
            this.target = target;
            this.chunked = chunked;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (chunked) {
                target.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            target.write(b, off, len);
            if (chunked) {
                target.write(new byte[] {'\r', '\n'});
            }
        }

        /** Ends the body (the last chunk when chunked) and flushes it. */
        void finish() throws IOException {
            if (chunked) {
                target.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            target.flush();
        }
    }

    record Head(int status, Map<String, String> headers) {
    }

    /**
     * Reads the status line and headers, waiting at most {@code timeoutMillis} for all of them (after at
     * most {@link NodeLimits#maxInterim()} interim {@code 1xx} answers); afterwards reads of the body
     * time out after the idle timeout.
     */
    Head readHead(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (int interim = 0; ; interim++) {
            Head head = readOneHead(deadline);
            if (head.status() >= 200 || head.status() == 101) {
                socket.setSoTimeout(limits.idleMillis());
                return head;
            }
            if (interim >= limits.maxInterim()) {
                throw NodeReplyException.limit("more interim (1xx) answers", limits.maxInterim(), "not configurable");
            }
        }
    }

    private Head readOneHead(long deadline) throws IOException {
        String statusLine = readLine(deadline);
        for (int blank = 0; statusLine.isEmpty(); blank++) {
            if (blank >= limits.maxHeaders()) {
                throw NodeReplyException.notOllama();
            }
            statusLine = readLine(deadline);
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw NodeReplyException.notOllama();
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (RuntimeException e) {
            throw NodeReplyException.notOllama();
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        int count = 0;
        while (!(line = readLine(deadline)).isEmpty()) {
            if (++count > limits.maxHeaders()) {
                throw NodeReplyException.limit("more header lines", limits.maxHeaders(), "NODE_MAX_HEADERS");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        return new Head(status, headers);
    }

    private String readLine(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        return readLine();
    }

    /** A header, trailer or chunk-size line, without CRLF, at most {@code NODE_MAX_HEADER_BYTES} long. */
    String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= limits.maxHeaderLineBytes()) {
                throw NodeReplyException.limit("a header line longer", limits.maxHeaderLineBytes(), "NODE_MAX_HEADER_BYTES");
            }
            sb.append((char) c);
        }
        throw new NodeReplyException("the node closed the connection");
    }

    int maxHeaders() {
        return limits.maxHeaders();
    }

    InputStream input() {
        return in;
    }

    void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /** Counts what reached the socket. */
    private static final class CountingOutput extends OutputStream {
        private final OutputStream target;
        private volatile long count;

        CountingOutput(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
