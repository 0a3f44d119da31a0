package dev.ollamamax.server.nodes;

import dev.ollamamax.shared.protocol.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An open request to one node that has passed the point of retry: its first line (the first token of
 * a stream, or the whole body of a non-streamed answer) has been read and was not an error. Read the
 * rest line by line with {@link #nextLine()}; {@link #close()} stops reading from the node at once.
 */
public final class UpstreamCall implements AutoCloseable {

    private final Node node;
    private final InputStream body;
    private final LineReader lines;
    private final long startNanos;
    private final Consumer<UpstreamCall> onClose;
    private final java.util.function.BiConsumer<Node, String> onBroken;
    private final AtomicBoolean closed = new AtomicBoolean();
    private byte[] first;
    private volatile long lastActivityNanos;
    private final long firstTokenNanos;
    private volatile boolean failed;
    private volatile Usage tokens;

    UpstreamCall(Node node, InputStream body, LineReader lines, byte[] first, long startNanos,
                 Consumer<UpstreamCall> onClose, java.util.function.BiConsumer<Node, String> onBroken) {
        this.onBroken = onBroken;
        this.node = node;
        this.body = body;
        this.lines = lines;
        this.first = first;
        this.startNanos = startNanos;
        this.onClose = onClose;
        this.firstTokenNanos = System.nanoTime();
        this.lastActivityNanos = firstTokenNanos;
    }

    public Node node() {
        return node;
    }

    /** Time from sending the request to the first line from the node. */
    public Duration timeToFirstToken() {
        return Duration.ofNanos(firstTokenNanos - startNanos);
    }

    /** Time since the request was sent. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * The next line from the node (the first call returns the line read before retry was ruled out),
     * or null when the node ended the stream. Throws when the connection broke or went idle too long.
     */
    public byte[] nextLine() throws IOException {
        if (first != null) {
            byte[] line = first;
            first = null;
            return line;
        }
        if (closed.get()) {
            throw new IOException("the request to node " + node.id() + " was closed");
        }
        try {
            byte[] line = lines.next();
            lastActivityNanos = System.nanoTime();
            return line;
        } catch (IOException e) {
            failed = true;
            if (e instanceof java.net.SocketTimeoutException || e instanceof NodeReplyException) {
                onBroken.accept(node, NodeProber.describe(e));
            }
            if (closed.get() || e instanceof java.net.SocketTimeoutException) {
                throw new IOException("node " + node.id() + " sent nothing for too long; the request was stopped", e);
            }
            if (e instanceof NodeReplyException r && r.isLimit()) {
                throw new IOException("node " + node.id() + " failed mid-answer: " + e.getMessage(), e);
            }
            throw new IOException("the connection to node " + node.id() + " broke mid-answer", e);
        }
    }

    /** Marks the call as failed, for the latency metric's outcome tag. */
    public void failed() {
        failed = true;
    }

    /** Whether the node failed after its first line (an error line, a cut or idle connection). */
    public boolean hasFailed() {
        return failed;
    }

    /** The node's own token counts from its final line, once that line has passed; empty before. */
    public Optional<Usage> tokens() {
        return Optional.ofNullable(tokens);
    }

    void counted(Usage usage) {
        tokens = usage;
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    /**
     * Stops reading from the node and frees the node's slot. Closing the body before its end closes the
     * socket, which also wakes a thread blocked reading it.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
            onClose.accept(this);
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
