package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.Gateway;
import dev.ollamamax.server.Listener;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.runtime.LogBuffer;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One gateway listener as a {@link ManagedService}: start, stop and restart go to
 * {@link Gateway#start(Listener)}, {@link Gateway#stop(Listener)} and {@link Gateway#restart(Listener)};
 * its log holds its own lifecycle events. Id {@code gateway.<wire name>} ({@code gateway.primary}…).
 */
public final class ListenerService implements ManagedService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Gateway gateway;
    private final Listener listener;
    private final List<String> dependsOn;
    private final LogBuffer log = new LogBuffer(500);
    private volatile State transition;
    private volatile String detail = "";

    public ListenerService(Gateway gateway, Listener listener) {
        this(gateway, listener, List.of());
    }

    /** A listener that "Restart all" starts after the services {@code dependsOn} (ids: the database, the cache). */
    public ListenerService(Gateway gateway, Listener listener, List<String> dependsOn) {
        this.gateway = gateway;
        this.listener = listener;
        this.dependsOn = List.copyOf(dependsOn);
    }

    /** One service per listener of the gateway, primary first. */
    public static List<ListenerService> of(Gateway gateway) {
        return of(gateway, List.of());
    }

    /** One service per listener, each depending on the given services (started before them by "Restart all"). */
    public static List<ListenerService> of(Gateway gateway, List<String> dependsOn) {
        return java.util.Arrays.stream(Listener.values()).map(l -> new ListenerService(gateway, l, dependsOn)).toList();
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    public Listener listener() {
        return listener;
    }

    @Override
    public String id() {
        return "gateway." + listener.wireName();
    }

    @Override
    public String displayName() {
        return listener.service().displayName();
    }

    @Override
    public Optional<ServiceId> planned() {
        return Optional.of(listener.service());
    }

    @Override
    public State state() {
        State t = transition;
        if (t != null) {
            return t;
        }
        return gateway.isRunning(listener) ? State.RUNNING : State.STOPPED;
    }

    @Override
    public Optional<Integer> port() {
        return gateway.port(listener);
    }

    @Override
    public void start() {
        run(State.STARTING, () -> gateway.start(listener), "started on port ");
    }

    @Override
    public void stop() {
        run(State.STOPPING, () -> gateway.stop(listener), "stopped");
    }

    @Override
    public void restart() {
        run(State.RESTARTING, () -> gateway.restart(listener), "restarted on port ");
    }

    private synchronized void run(State during, Runnable action, String done) {
        transition = during;
        try {
            action.run();
            detail = "";
            note(done.endsWith(" ") ? done + port().map(String::valueOf).orElse("?") : done);
        } catch (RuntimeException e) {
            detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            note("failed: " + detail);
            throw e;
        } finally {
            transition = null;
        }
    }

    private void note(String event) {
        log.append(LocalTime.now().format(TIME) + " " + displayName() + " " + event);
    }

    @Override
    public List<String> recentLog() {
        return log.lines();
    }

    @Override
    public AutoCloseable followLog(Consumer<String> listener) {
        return log.follow(listener);
    }

    @Override
    public String detail() {
        if (!detail.isEmpty()) {
            return detail;
        }
        return gateway.isRunning(listener) ? "http://" + gateway.context().config().get(
                dev.ollamamax.shared.config.Setting.HOST) + ":" + port().orElse(0) : "";
    }
}
