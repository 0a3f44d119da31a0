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
 * which is how a request is cancelled.
 */
public final class NodeClient implements AutoCloseable {

    private static final int MAX_IDLE_PER_NODE = 64;
    /**
     * A reused connection that fails is retried once on a fresh one when the request is idempotent or
     * the connection sat idle long enough for the node to have timed it out; otherwise the failure is the
     * node's (a POST is not sent twice to a node that just cut it).
     */
    private static final long STALE_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    private final Duration connectTimeout;
    private final Map<String, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public NodeClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Sends a request and returns once the status and headers have arrived (waiting at most
     * {@code timeout} for them); the body streams from the node as it is read.
     */
    public NodeResponse<InputStream> send(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException {
        String key = node.getHost() + ":" + node.getPort();
        boolean tls = "https".equals(node.getScheme());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Http1Connection reused = poll(key);
        if (reused != null) {
            boolean mayRetry = method.equals("GET") || method.equals("HEAD") || reused.idleNanos() > STALE_AFTER_NANOS;
            try {
                return exchange(reused, key, method, path, body, timeoutMillis);
            } catch (IOException e) {
                reused.close();
                if (!mayRetry) {
                    throw e;
                }
                // the node had closed this idle connection: try once on a fresh one
            }
        }
        Http1Connection fresh = new Http1Connection(node.getHost(), node.getPort(), tls, (int) connectTimeout.toMillis());
        try {
            return exchange(fresh, key, method, path, body, timeoutMillis);
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    /** Sends a request and reads the whole (small) answer. */
    public NodeResponse<byte[]> sendBytes(URI node, String method, String path, byte[] body, Duration timeout)
            throws IOException {
        NodeResponse<InputStream> res = send(node, method, path, body, timeout);
        try (InputStream in = res.body()) {
            return new NodeResponse<>(res.statusCode(), res.headers(), in.readAllBytes());
        }
    }

    private NodeResponse<InputStream> exchange(Http1Connection conn, String key, String method, String path, byte[] body,
                                               int timeoutMillis) throws IOException {
        conn.write(method, path, body);
        Http1Connection.Head head = conn.readHead(timeoutMillis);
        InputStream in = Http1Bodies.of(conn, head, method.equals("HEAD"), c -> release(key, c));
        return new NodeResponse<>(head.status(), head.headers(), in);
    }

    private Http1Connection poll(String key) {
        Deque<Http1Connection> q = idle.get(key);
        Http1Connection c;
        while (q != null && (c = q.pollFirst()) != null) {
            if (!c.isClosed()) {
                return c;
            }
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

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(Http1Connection::close));
        idle.clear();
    }
}
