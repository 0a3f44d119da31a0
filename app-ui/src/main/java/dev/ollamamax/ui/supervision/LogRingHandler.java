package dev.ollamamax.ui.supervision;

import dev.ollamamax.shared.runtime.LogBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging} handler that keeps the gateway's own log in a {@link LogBuffer}, so the
 * desktop's Logs screen (and anything headless) can show and follow it without reading files.
 */
public final class LogRingHandler extends Handler {

    public static final int DEFAULT_CAPACITY = 5000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final LogBuffer buffer;

    public LogRingHandler(LogBuffer buffer) {
        this.buffer = buffer;
        setLevel(Level.ALL);
    }

    /** Installs a new handler on the root logger and returns it; {@link #close()} removes it again. */
    public static LogRingHandler install(int capacity) {
        LogRingHandler handler = new LogRingHandler(new LogBuffer(capacity));
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    public LogBuffer buffer() {
        return buffer;
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        buffer.append(format(record));
    }

    static String format(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0 && message != null) {
            try {
                message = java.text.MessageFormat.format(message, record.getParameters());
            } catch (IllegalArgumentException e) {
                // keep the raw pattern
            }
        }
        StringBuilder line = new StringBuilder()
                .append(TIME.format(record.getInstant() == null ? Instant.now() : record.getInstant()))
                .append(' ').append(String.format("%-7s", record.getLevel().getName()))
                .append(' ').append(shortName(record.getLoggerName()))
                .append(": ").append(message == null ? "" : message);
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(" — ").append(thrown.getClass().getSimpleName());
            if (thrown.getMessage() != null) {
                line.append(": ").append(thrown.getMessage());
            }
        }
        return line.toString();
    }

    private static String shortName(String logger) {
        if (logger == null || logger.isEmpty()) {
            return "root";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
