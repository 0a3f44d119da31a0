package dev.ollamamax.server.store;

import dev.ollamamax.shared.runtime.LogBuffer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Follows a log file a server appends to, from a given offset, feeding complete lines into a {@link LogBuffer}. */
final class LogFileTail implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    private LogFileTail(Path file, long from, LogBuffer sink) {
        this.thread = Thread.ofVirtual().name("log-tail-" + file.getFileName()).start(() -> follow(file, from, sink));
    }

    /** Starts following {@code file} from byte {@code from}. */
    static LogFileTail start(Path file, long from, LogBuffer sink) {
        return new LogFileTail(file, from, sink);
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void follow(Path file, long from, LogBuffer sink) {
        long position = from;
        java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (running) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                while (running) {
                    if (raf.length() < position) {
                        position = 0; // truncated
                    }
                    raf.seek(position);
                    int n = raf.read(buffer);
                    if (n <= 0) {
                        drainAndSleep();
                        continue;
                    }
                    position += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            sink.append(partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                        } else {
                            partial.write(buffer[i]);
                        }
                    }
                }
            } catch (IOException e) {
                drainAndSleep();
            }
        }
    }

    private void drainAndSleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
