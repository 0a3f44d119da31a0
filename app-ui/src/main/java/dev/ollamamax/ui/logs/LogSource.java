package dev.ollamamax.ui.logs;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.runtime.LogBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** A log that can be shown: its last lines and a way to follow new ones. */
public record LogSource(String id, String name, Supplier<List<String>> recent,
                        Function<Consumer<String>, AutoCloseable> follow) {

    public static final String GATEWAY_ID = "gateway";

    /** The gateway process's own log (every logger of the app). */
    public static LogSource gateway(LogBuffer buffer) {
        return new LogSource(GATEWAY_ID, "Gateway (application log)", buffer::lines, buffer::follow);
    }

    public static LogSource of(ManagedService service) {
        return new LogSource(service.id(), service.displayName(), service::recentLog, service::followLog);
    }

    @Override
    public String toString() {
        return name;
    }
}
