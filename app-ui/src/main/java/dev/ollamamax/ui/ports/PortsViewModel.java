package dev.ollamamax.ui.ports;

import dev.ollamamax.shared.ports.ServiceState;
import dev.ollamamax.shared.ports.ServiceStatus;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.conflicts.PortFixes;
import dev.ollamamax.shared.ports.project.ProjectPorts;
import dev.ollamamax.shared.ports.sockets.Holder;
import dev.ollamamax.shared.ports.sockets.Listening;
import dev.ollamamax.ui.common.StackMonitor;
import dev.ollamamax.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Ports screen: the port map (configured ports and live listeners in the plan's ranges),
 * the conflicts with their suggested fixes, and the commands that apply a fix, stop a holder or adopt a
 * running Ollama as a node. Lists are replaced only when their content changed, so nothing flickers.
 */
public final class PortsViewModel {

    private final StackMonitor monitor;
    private final PortMoves moves;
    private final UiExecutor executor;
    private final long ownPid;
    private final String user;
    private volatile Optional<Consumer<String>> adopt = Optional.empty();
    private volatile Consumer<Path> projectChosen = folder -> { };
    private final ObservableList<PortTile> tiles = FXCollections.observableArrayList();
    private final ObservableList<ConflictItem> conflicts = FXCollections.observableArrayList();
    private final ObservableList<PortTile> readOnlyTiles = FXCollections.unmodifiableObservableList(tiles);
    private final ObservableList<ConflictItem> readOnlyConflicts = FXCollections.unmodifiableObservableList(conflicts);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper project = new ReadOnlyStringWrapper("No project folder chosen");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Scanning…");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final AtomicBoolean scanning = new AtomicBoolean();

    public PortsViewModel(StackMonitor monitor, PortMoves moves, UiExecutor executor, long ownPid, String user) {
        this.monitor = monitor;
        this.moves = moves;
        this.executor = executor;
        this.ownPid = ownPid;
        this.user = user;
    }

    /** The hook for the nodes feature: "Adopt as node" calls it with the running Ollama's URL. */
    /** Told (on the UI thread) of every project folder that was read, e.g. to run its stack file. */
    public void onProjectChosen(Consumer<Path> listener) {
        projectChosen = listener;
    }

    public void setAdoptHandler(Consumer<String> handler) {
        adopt = Optional.of(handler);
        refresh();
    }

    public ObservableList<PortTile> tiles() {
        return readOnlyTiles;
    }

    public ObservableList<ConflictItem> conflicts() {
        return readOnlyConflicts;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void refresh() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        executor.submit(() -> view(monitor.scan()), v -> {
            scanning.set(false);
            apply(v);
        }, e -> {
            scanning.set(false);
            summary.set("Scan failed: " + e.getMessage());
        });
    }

    private record View(List<PortTile> tiles, List<ConflictItem> conflicts, String summary) {
    }

    /** Works out tiles, fixes and previews off the UI thread (fixes look for free ports). */
    private View view(StackScan scan) {
        List<PortFix> fixes = PortFixes.suggest(scan);
        List<ConflictItem> items = fixes.stream().map(this::item).toList();
        Set<Integer> conflicted = scan.conflicts().stream().map(Conflict::port).collect(Collectors.toSet());
        Map<Integer, PortTile> byPort = new TreeMap<>();
        Set<Integer> ranges = new java.util.HashSet<>();
        for (ServiceStatus s : scan.services()) {
            int port = s.service().port();
            if (port <= 0) {
                continue;
            }
            ranges.add(PortTile.rangeStart(port));
            PortTile old = byPort.get(port);
            List<String> names = new ArrayList<>(old == null ? List.of() : old.services());
            names.add(s.service().name());
            PortTile.Kind kind = conflicted.contains(port) || s.state() == ServiceState.CONFLICT ? PortTile.Kind.CONFLICT
                    : s.state() == ServiceState.UP || old != null && old.kind() == PortTile.Kind.UP ? PortTile.Kind.UP
                    : PortTile.Kind.DOWN;
            byPort.put(port, new PortTile(port, PortTile.range(port), names,
                    s.holder().map(PortsViewModel::who), kind));
        }
        for (Listening l : scan.listening()) {
            if (!byPort.containsKey(l.port()) && ranges.contains(PortTile.rangeStart(l.port()))) {
                byPort.put(l.port(), new PortTile(l.port(), PortTile.range(l.port()), List.of(),
                        Optional.of(l.holder().map(PortsViewModel::who).orElse("unknown process")), PortTile.Kind.LISTENER));
            }
        }
        String text = byPort.size() + " ports in " + ranges.size() + " ranges · " + scan.conflicts().size()
                + (scan.conflicts().size() == 1 ? " conflict" : " conflicts");
        return new View(List.copyOf(byPort.values()), items, text);
    }

    private ConflictItem item(PortFix fix) {
        Conflict c = fix.conflict();
        List<MoveStep> steps = fix.moves().stream().map(moves::plan).toList();
        return new ConflictItem(c, fix, steps, c.holder().flatMap(this::whyNotStop),
                fix.adoptAsNode().isPresent() && adopt.isPresent());
    }

    static String who(Holder h) {
        return (h.program().isEmpty() ? "PID " + h.pid() : h.program() + " · PID " + h.pid())
                + (h.user().isEmpty() ? "" : " · " + h.user());
    }

    /** A process may be stopped from here only when it is another process of the same user. */
    Optional<String> whyNotStop(Holder h) {
        if (h.pid() == ownPid) {
            return Optional.of("it is OllamaMax itself");
        }
        if (h.user().isEmpty() || !h.user().equals(user)) {
            return Optional.of("it belongs to " + (h.user().isEmpty() ? "another user" : "user " + h.user())
                    + ", not to you (" + user + ")");
        }
        return Optional.empty();
    }

    private void apply(View v) {
        if (!tiles.equals(v.tiles())) {
            tiles.setAll(v.tiles());
        }
        if (!conflicts.equals(v.conflicts())) {
            conflicts.setAll(v.conflicts());
        }
        summary.set(v.summary());
    }

    /** Moves the conflicting services to the free ports the fix suggests (as previewed), then rescans. */
    public void applyMove(ConflictItem item) {
        busy.set(true);
        message.set("");
        executor.submit(() -> moves.apply(item.fix()), done -> {
            busy.set(false);
            message.set(String.join("\n", done));
            refresh();
        }, e -> {
            busy.set(false);
            message.set("The move was not applied: " + e.getMessage());
            refresh();
        });
    }

    /** Asks the holder to exit (SIGTERM or the OS equivalent); only another process of the same user. */
    public void stopHolder(ConflictItem item) {
        Optional<Holder> holder = item.conflict().holder();
        if (holder.isEmpty() || !item.canStopHolder()) {
            message.set("Not stopped: " + item.stopBlocked().orElse("no process holds the port"));
            return;
        }
        long pid = holder.get().pid();
        busy.set(true);
        executor.submit(() -> {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty()) {
                return "PID " + pid + " has already exited.";
            }
            if (!process.get().destroy()) {
                throw new IllegalStateException("the system refused to stop PID " + pid);
            }
            process.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            return "Stopped " + holder.get().describe() + ".";
        }, done -> {
            busy.set(false);
            message.set(done);
            refresh();
        }, e -> {
            busy.set(false);
            message.set("Could not stop PID " + pid + ": " + (e instanceof java.util.concurrent.TimeoutException
                    ? "it did not exit within 5 s" : e.getMessage()));
            refresh();
        });
    }

    /** Hands the running Ollama's URL to the nodes feature. */
    public void adopt(ConflictItem item) {
        Optional<String> url = item.fix().adoptAsNode();
        if (url.isEmpty() || adopt.isEmpty()) {
            message.set("Nothing to adopt here.");
            return;
        }
        adopt.get().accept(url.get());
        message.set("Adopted " + url.get() + " as an Ollama node.");
        refresh();
    }

    /** Reads a project folder's .env and compose files; its ports join the map and the conflict check. */
    public void chooseProject(Path folder) {
        busy.set(true);
        executor.submit(() -> monitor.chooseProject(folder), ports -> {
            busy.set(false);
            project.set(describe(ports));
            message.set(String.join("\n", ports.warnings()));
            projectChosen.accept(ports.folder());
            refresh();
        }, e -> {
            busy.set(false);
            message.set("Could not read " + folder + ": " + e.getMessage());
        });
    }

    private static String describe(ProjectPorts p) {
        return p.folder() + " · " + p.ports().size() + (p.ports().size() == 1 ? " port" : " ports");
    }
}
