package dev.ollamamax.server.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * HTTP/1.1 to Ollama nodes over pooled keep-alive connections, blocking on the caller's virtual
 * thread. The Host header is the node URL's own host, so a loopback node gets a loopback Host (Ollama
 * answers 403 to a non-local Host). Closing a response body before its end closes the connection,
 * which is how a request is cancelled. Redirects are never followed: a 3xx is just a status.
 *
 * <p>Once means once: a request is written at most once. A pooled connection is checked before it is
 * written to; one that fails while being written, before any byte reached the socket, is replaced by a
 * fresh one. A {@code GET} or {@code HEAD} that fails afterwards on a pooled connection is retried once
 * on a fresh connection; any other method is not (the node may have processed it). Failures before
 * anything was written are thrown as {@link NotSentException}.
 */
public final class NodeClient implements AutoCloseable {

    private static final int MAX_IDLE_PER_NODE = 64;

    private final NodeLimits limits;
    private final NodeAddressPolicy policy;
    private final Map<String, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public NodeClient(NodeLimits limits, NodeAddressPolicy policy) {
        this.limits = limits;
        this.policy = policy;
    }

    /**
     * Sends a request and returns once the status and headers have arrived (waiting at most
     * {@code timeout} for them); the body streams from the node as it is read.
     */
    public NodeResponse<InputStream> send(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException {
        return send(node, method, path, body, timeout, false);
    }

    private NodeResponse<InputStream> send(URI node, String method, String path, byte[] body, Duration timeout,
                                           boolean wholeWithinTimeout) throws IOException {
        String key = node.getHost() + ":" + node.getPort();
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Http1Connection reused = poll(key);
        if (reused != null) {
            long before = reused.bytesWritten();
            try {
                return exchange(reused, key, method, path, body, timeoutMillis, wholeWithinTimeout);
            } catch (IOException e) {
                reused.close();
                boolean idempotent = method.equals("GET") || method.equals("HEAD");
                if (reused.bytesWritten() > before && !idempotent) {
                    throw e; // the node may have it: never sent twice
                }
                // nothing reached the node, or it is safe to ask again: once more on a fresh connection
            }
        }
        Http1Connection fresh;
        try {
            fresh = new Http1Connection(node.getHost(), policy.resolve(node.getHost()), node.getPort(),
                    "https".equals(node.getScheme()), limits);
        } catch (IOException e) {
            throw new NotSentException(e);
        }
        try {
            return exchange(fresh, key, method, path, body, timeoutMillis, wholeWithinTimeout);
        } catch (IOException e) {
            fresh.close();
            throw fresh.bytesWritten() == 0 ? new NotSentException(e) : e;
        }
    }

    /** Sends a request and reads the whole (small) answer: at most {@code NODE_MAX_BODY_BYTES}, all within {@code timeout}. */
    public NodeResponse<byte[]> sendBytes(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        NodeResponse<InputStream> res = send(node, method, path, body, timeout, true);
        try (InputStream in = res.body()) {
            return new NodeResponse<>(res.statusCode(), res.headers(), readBounded(in, deadline));
        }
    }

    /** Writes a request body into the stream it is given; throwing aborts the request (the node discards it). */
    @FunctionalInterface
    public interface BodySource {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Streams a large request body to a node on a fresh connection, never holding it whole: of
     * {@code length} bytes, or chunked when -1. When {@code source} throws, the connection is closed before
     * the body is complete, so the node discards what it got. Returns the node's (small) answer.
     */
    public NodeResponse<byte[]> upload(URI node, String method, String path, String contentType, long length,
                                       BodySource source, Duration timeout) throws IOException {
        Http1Connection conn;
        try {
            conn = new Http1Connection(node.getHost(), policy.resolve(node.getHost()), node.getPort(),
                    "https".equals(node.getScheme()), limits);
        } catch (IOException e) {
            throw new NotSentException(e);
        }
        try {
            Http1Connection.BodyOut body = conn.startBody(method, path, contentType, length);
            source.writeTo(body);
            body.finish();
            int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            Http1Connection.Head head = conn.readHead(timeoutMillis);
            conn.setReadTimeout(timeoutMillis);
            try (InputStream in = Http1Bodies.of(conn, head, false, Http1Connection::close)) {
                return new NodeResponse<>(head.status(), head.headers(), readBounded(in, System.nanoTime() + timeout.toNanos()));
            }
        } finally {
            conn.close();
        }
    }

    private byte[] readBounded(InputStream in, long deadline) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > limits.maxBodyBytes()) {
                throw NodeReplyException.limit("a body larger", limits.maxBodyBytes(), "NODE_MAX_BODY_BYTES");
            }
            if (System.nanoTime() > deadline) {
                throw new java.net.SocketTimeoutException("timed out");
            }
        }
        return out.toByteArray();
    }

    private NodeResponse<InputStream> exchange(Http1Connection conn, String key, String method, String path, byte[] body,
                                               int timeoutMillis, boolean wholeWithinTimeout) throws IOException {
        conn.write(method, path, body);
        Http1Connection.Head head = conn.readHead(timeoutMillis);
        if (wholeWithinTimeout) {
            conn.setReadTimeout(timeoutMillis); // no single read of the body waits longer than the whole call may take
        }
        InputStream in = Http1Bodies.of(conn, head, method.equals("HEAD"), c -> release(key, c));
        return new NodeResponse<>(head.status(), head.headers(), in);
    }

    /** A pooled connection the node has not closed, or null. */
    private Http1Connection poll(String key) {
        Deque<Http1Connection> q = idle.get(key);
        Http1Connection c;
        while (q != null && (c = q.pollFirst()) != null) {
            if (c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(String key, Http1Connection conn) {
        Deque<Http1Connection> q = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        if (closed || conn.isClosed() || q.size() >= MAX_IDLE_PER_NODE) {
            conn.close();
        } else {
            conn.markIdle();
            q.offerFirst(conn);
        }
    }

    /** A failure of a call to a node, in the gateway's own words (never text the node sent). */
    public static String describe(Exception e) {
        return NodeProber.describe(e);
    }

    public NodeLimits limits() {
        return limits;
    }

    public NodeAddressPolicy policy() {
        return policy;
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(Http1Connection::close));
        idle.clear();
    }
}
