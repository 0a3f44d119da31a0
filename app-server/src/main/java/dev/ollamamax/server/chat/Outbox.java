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
 * while {@value #SOFT_LIMIT} frames are queued); pushes never wait, and a client that lets
 * {@value #HARD_LIMIT} frames pile up is disconnected.
 */
final class Outbox {

    static final int SOFT_LIMIT = 256;
    static final int HARD_LIMIT = 4096;
    private static final Object PING = new Object();

    private record Close(int code, String reason) {
    }

    private final WsSession session;
    private final Runnable onBroken;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    Outbox(WsSession session, Runnable onBroken) {
        this.session = session;
        this.onBroken = onBroken;
    }

    /** Queues a frame, waiting while the client is far behind; throws when the connection is gone. */
    void send(String text) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && queue.size() >= SOFT_LIMIT) {
                drained.await();
            }
            enqueue(text);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a frame without waiting (pushes, replies on the connection's own thread). */
    void push(String text) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (queue.size() >= HARD_LIMIT) {
                queue.clear();
                queue.add(new Close(1008, "the client does not read its messages"));
                closed = true;
                startDrain();
                return;
            }
            enqueue(text);
        } finally {
            lock.unlock();
        }
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

    private void enqueue(String text) {
        if (closed) {
            throw new ConnectionGone();
        }
        queue.add(text);
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
