package dev.ollamamax.ui.readymade;

import dev.ollamamax.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * State of the "Add to stack" menu: where each {@link ReadyMade} tool was found on the PATH (looked up in the
 * background), whether an addition is under way, and its outcome in words (a notice or an error).
 */
public final class ReadyMadeViewModel {

    private final ReadyMadeEntries entries;
    private final UiExecutor executor;
    private final Map<ReadyMade, ReadOnlyObjectWrapper<Optional<Path>>> found = new EnumMap<>(ReadyMade.class);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ReadyMadeViewModel(ReadyMadeEntries entries, UiExecutor executor) {
        this.entries = entries;
        this.executor = executor;
        for (ReadyMade tool : ReadyMade.values()) {
            found.put(tool, new ReadOnlyObjectWrapper<>(Optional.empty()));
        }
    }

    /** Looks for the executables on the PATH again (in the background). */
    public void refresh() {
        for (ReadyMade tool : ReadyMade.values()) {
            executor.submit(() -> entries.executable(tool), where -> found.get(tool).set(where),
                    e -> found.get(tool).set(Optional.empty()));
        }
    }

    /** Where the tool's executable is; empty while not found. */
    public ReadOnlyObjectProperty<Optional<Path>> foundProperty(ReadyMade tool) {
        return found.get(tool).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last addition did, in words; empty when nothing was added or it failed. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Why the last addition failed, in words; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Adds the tool to the home stack file and starts it, in the background. */
    public void add(ReadyMade tool) {
        busy.set(true);
        notice.set("");
        error.set("");
        executor.submit(() -> entries.add(tool), done -> {
            busy.set(false);
            notice.set(done);
        }, e -> {
            busy.set(false);
            error.set("Could not add " + tool.displayName() + ": " + e.getMessage());
        });
    }

    public void dismiss() {
        notice.set("");
        error.set("");
    }
}
