package dev.ollamamax.shared.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last lines of a log, bounded, with followers that get each new line as it is appended.
 * Thread-safe; followers are called on the appending thread and must not block. A follower that throws
 * does not stop the log or the other followers.
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
            try {
                follower.accept(line);
            } catch (RuntimeException broken) {
                // a broken follower must not stop the log
            }
        }
    }

    /** The kept lines, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(new ArrayList<>(lines));
        }
    }

    /** The last {@code n} lines joined by newlines, for error messages. */
    public String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
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
