package dev.ollamamax.server.services;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last lines of a log, bounded, with followers that get each new line as it is appended.
 * Thread-safe; followers are called on the appending thread and must not block.
 */
public final class LogBuffer {

    private final int capacity;
    private final ArrayDeque<String> lines;
    private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public void append(String line) {
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Consumer<String> follower : followers) {
            follower.accept(line);
        }
    }

    /** The kept lines, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(new ArrayList<>(lines));
        }
    }

    /** Calls the listener with every line appended from now on, until the returned handle is closed. */
    public AutoCloseable follow(Consumer<String> listener) {
        followers.add(listener);
        return () -> followers.remove(listener);
    }

    public int capacity() {
        return capacity;
    }
}
