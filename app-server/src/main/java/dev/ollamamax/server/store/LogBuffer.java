package dev.ollamamax.server.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The last lines a managed server printed, and the listeners following them. Thread-safe. */
final class LogBuffer {

    private final int capacity;
    private final ArrayDeque<String> lines;
    private final List<Consumer<String>> followers = new CopyOnWriteArrayList<>();

    LogBuffer(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    void add(String line) {
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Consumer<String> follower : followers) {
            try {
                follower.accept(line);
            } catch (RuntimeException ignored) {
                // a broken follower must not stop the log
            }
        }
    }

    List<String> recent() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** The last {@code n} lines joined, for error messages. */
    String tail(int n) {
        List<String> all = recent();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    AutoCloseable follow(Consumer<String> listener) {
        followers.add(listener);
        return () -> followers.remove(listener);
    }
}
