package dev.ollamamax.server.nodes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to a node, used by one request at a time on the caller's (virtual) thread:
 * no selector thread, no hand-off between threads per chunk.
 */
final class Http1Connection implements AutoCloseable {

    private final String hostHeader;
    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;
    private volatile boolean closed;
    private volatile long idleSinceNanos = System.nanoTime();

    Http1Connection(String host, int port, boolean tls, int connectTimeoutMillis) throws IOException {
        this.hostHeader = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        if (tls) {
            javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) ((javax.net.ssl.SSLSocketFactory)
                    javax.net.ssl.SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
            javax.net.ssl.SSLParameters params = secure.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(params);
            secure.setSoTimeout(connectTimeoutMillis);
            secure.startHandshake();
            this.socket = secure;
        } else {
            this.socket = plain;
        }
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
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

    record Head(int status, Map<String, String> headers) {
    }

    /** Reads the status line and headers, waiting at most {@code timeoutMillis} for them. */
    Head readHead(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        String statusLine = readLine();
        while (statusLine.isEmpty()) {
            statusLine = readLine();
        }
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (RuntimeException e) {
            throw new IOException("bad status line: " + statusLine);
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        if (status == 100) {
            return readHead(timeoutMillis);
        }
        socket.setSoTimeout(0);
        return new Head(status, headers);
    }

    /** A header or chunk-size line, without CRLF. */
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
            if (sb.length() > 16 * 1024) {
                throw new IOException("header line too long");
            }
            sb.append((char) c);
        }
        throw new IOException("the node closed the connection");
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
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
