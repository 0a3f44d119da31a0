package dev.ollamamax.server.chat;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything written to one WebSocket goes through here, in order, written by one thread at a time
 * (a short-lived virtual thread that drains the queue). Producers never write to the socket themselves,
 * so interrupting a producer (a generation reading from its node) can never close the client's socket.
 * Generations are held back when the client reads slower than the node writes ({@link #send} waits
 * while {@value #SOFT_LIMIT} frames or half the byte limit are queued, for at most the stall limit);
 * pushes never wait. A client that lets more than the byte limit ({@code WS_MAX_OUTBOUND_BYTES}) or
 * {@value #HARD_LIMIT} frames pile up, or holds a generation back past the stall limit, does not read:
 * it is dropped (close code 1008) through {@code onOverflow}.
 */
final class Outbox {

    static final int SOFT_LIMIT = 256;
    static final int HARD_LIMIT = 4096;
    private static final Object PING = new Object();

    private record Close(int code, String reason) {
    }

    private final WsSession session;
    private final Runnable onBroken;
    private final Runnable onOverflow;
    private final long maxBytes;
    private final long stallNanos;
    /** UTF-8 bytes queued, including the frame being written. */
    private long queuedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    Outbox(WsSession session, long maxBytes, java.time.Duration stallLimit, Runnable onBroken, Runnable onOverflow) {
        this.session = session;
        this.maxBytes = maxBytes;
        this.stallNanos = stallLimit.toNanos();
        this.onBroken = onBroken;
        this.onOverflow = onOverflow;
    }

    /** Queues a frame, waiting while the client is far behind; throws when the connection is gone. */
    void send(String text) throws InterruptedException {
        long size = utf8Length(text);
        boolean overflow = false;
        lock.lock();
        try {
            long deadline = System.nanoTime() + stallNanos;
            while (!closed && (queue.size() >= SOFT_LIMIT || queuedBytes >= maxBytes / 2)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    overflow = overflow();
                    break;
                }
                drained.awaitNanos(left);
            }
            if (!overflow && !closed && queuedBytes > 0 && queuedBytes + size > maxBytes) {
                overflow = overflow();
            }
            if (!overflow) {
                enqueue(text, size);
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
            throw new ConnectionGone();
        }
    }

    /** Queues a frame without waiting (pushes, replies on the connection's own thread). */
    void push(String text) {
        long size = utf8Length(text);
        boolean overflow = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (queue.size() >= HARD_LIMIT || queuedBytes > 0 && queuedBytes + size > maxBytes) {
                overflow = overflow();
            } else {
                enqueue(text, size);
            }
        } finally {
            lock.unlock();
        }
        if (overflow) {
            onOverflow.run();
        }
    }

    /** The client does not read: nothing more is queued or written; true for the caller to run {@code onOverflow}. */
    private boolean overflow() {
        queue.clear();
        closed = true;
        drained.signalAll();
        return true;
    }

    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Queues a WebSocket ping control frame. */
    void ping() {
        lock.lock();
        try {
            if (!closed) {
                queue.add(PING);
                startDrain();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a close frame after what is already queued; nothing can be queued after it. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (!closed) {
                queue.add(new Close(code, reason));
                closed = true;
                startDrain();
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: drop what is queued and wake waiting producers. */
    void abandon() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(String text, long size) {
        if (closed) {
            throw new ConnectionGone();
        }
        queue.add(text);
        queuedBytes += size;
        startDrain();
    }

    private void startDrain() {
        if (!draining) {
            draining = true;
            Thread.ofVirtual().name("chat-writer").start(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Object next;
            lock.lock();
            try {
                next = queue.poll();
                if (queue.size() < SOFT_LIMIT) {
                    drained.signalAll();
                }
                if (next == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                write(next);
                if (next instanceof String text) {
                    lock.lock();
                    try {
                        queuedBytes = Math.max(0, queuedBytes - utf8Length(text));
                        drained.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (RuntimeException e) {
                abandon();
                lock.lock();
                try {
                    draining = false;
                } finally {
                    lock.unlock();
                }
                onBroken.run();
                return;
            }
        }
    }

    private void write(Object item) {
        if (item instanceof String text) {
            session.send(text, true);
        } else if (item == PING) {
            session.ping(BufferData.empty());
        } else if (item instanceof Close c) {
            session.close(c.code(), c.reason());
        }
    }

    /** Thrown to a producer when the connection can no longer be written to. */
    static final class ConnectionGone extends RuntimeException {
        ConnectionGone() {
            super("the chat connection is closed", null, false, false);
        }
    }
}
