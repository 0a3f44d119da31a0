package dev.ollamamax.ui.logs;

import dev.ollamamax.shared.runtime.LogBuffer;
import dev.ollamamax.ui.common.UiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Logs screen. The selected source's recent lines are loaded in the background; new
 * lines arrive on any thread into a queue that {@link #drain()} (called by the view on a UI pulse)
 * moves into the list in batches, keeping at most {@link #MAX_LINES}.
 */
public final class LogsViewModel {

    public static final int MAX_LINES = 10_000;

    private final ServiceRegistry registry;
    private final LogSource gatewayLog;
    private final UiExecutor executor;
    private final ObservableList<LogSource> sources = FXCollections.observableArrayList();
    private final ObservableList<LogSource> readOnlySources = FXCollections.unmodifiableObservableList(sources);
    private final ReadOnlyObjectWrapper<LogSource> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final FilteredList<String> visible = new FilteredList<>(lines);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final Queue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong generation = new AtomicLong();
    private AutoCloseable following;

    private record Entry(long generation, String line) {
    }

    public LogsViewModel(ServiceRegistry registry, LogBuffer gatewayLog, UiExecutor executor) {
        this.registry = registry;
        this.gatewayLog = LogSource.gateway(gatewayLog);
        this.executor = executor;
        filter.addListener((o, was, now) -> visible.setPredicate(predicate(now)));
        refreshSources();
    }

    public ObservableList<LogSource> sources() {
        return readOnlySources;
    }

    public ReadOnlyObjectProperty<LogSource> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The lines that pass the filter, oldest first. */
    public ObservableList<String> visibleLines() {
        return visible;
    }

    public int totalLines() {
        return lines.size();
    }

    /** Case-insensitive text every shown line must contain; empty shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Whether the view keeps the newest line in sight. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Rebuilds the source list from the registry, keeping the selection when it still exists. */
    public void refreshSources() {
        List<LogSource> list = new ArrayList<>();
        list.add(gatewayLog);
        registry.all().forEach(s -> list.add(LogSource.of(s)));
        String keep = Optional.ofNullable(selected.get()).map(LogSource::id).orElse(LogSource.GATEWAY_ID);
        if (!list.stream().map(LogSource::id).toList().equals(sources.stream().map(LogSource::id).toList())) {
            sources.setAll(list);
        }
        LogSource target = list.stream().filter(s -> s.id().equals(keep)).findFirst().orElse(gatewayLog);
        if (selected.get() == null || !selected.get().id().equals(target.id())) {
            select(target);
        }
    }

    /** Shows a source: stops following the old one, loads the new one's recent lines, follows it. */
    public void select(LogSource source) {
        long gen = generation.incrementAndGet();
        closeFollowing();
        selected.set(source);
        lines.clear();
        pending.clear();
        executor.submit(() -> {
            AutoCloseable handle = source.follow().apply(line -> pending.add(new Entry(gen, line)));
            return new Loaded(source.recent().get(), handle);
        }, loaded -> {
            if (generation.get() != gen) {
                close(loaded.handle());
                return;
            }
            following = loaded.handle();
            List<String> recent = loaded.recent();
            lines.setAll(recent.size() > MAX_LINES ? recent.subList(recent.size() - MAX_LINES, recent.size()) : recent);
            pending.removeIf(e -> e.generation() == gen && recent.contains(e.line()));
            drain();
        }, e -> lines.setAll("Could not read the log of " + source.name() + ": " + e.getMessage()));
    }

    private record Loaded(List<String> recent, AutoCloseable handle) {
    }

    /** Moves lines that arrived since the last call into the list; returns how many were added. */
    public int drain() {
        List<String> batch = new ArrayList<>();
        long gen = generation.get();
        for (Entry e; (e = pending.poll()) != null; ) {
            if (e.generation() == gen) {
                batch.add(e.line());
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        int overflow = lines.size() + batch.size() - MAX_LINES;
        if (overflow > 0) {
            lines.remove(0, Math.min(overflow, lines.size()));
            if (batch.size() > MAX_LINES) {
                batch = batch.subList(batch.size() - MAX_LINES, batch.size());
            }
        }
        lines.addAll(batch);
        return batch.size();
    }

    /** The text for the clipboard: the given lines, or every visible line when none is given. */
    public String copyText(List<String> selectedLines) {
        return String.join("\n", selectedLines.isEmpty() ? visible : selectedLines);
    }

    public void clear() {
        lines.clear();
    }

    static java.util.function.Predicate<String> predicate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return line -> line.toLowerCase(Locale.ROOT).contains(needle);
    }

    private void closeFollowing() {
        close(following);
        following = null;
    }

    private static void close(AutoCloseable handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception ignored) {
                // a follower that cannot be removed only costs a few dropped lines
            }
        }
    }

    /** Stops following; call when the window closes. */
    public void dispose() {
        generation.incrementAndGet();
        closeFollowing();
    }
}
