package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.UiExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The presets menu of the chat settings: the saved names, and apply / save the current settings as / delete,
 * with the file work of {@link SettingsPresets} off the UI thread.
 */
final class ChatPresets {

    private final SettingsPresets store;
    private final UiExecutor executor;
    private final Supplier<ChatSettings> current;
    private final Consumer<ChatSettings> apply;
    private final Consumer<String> failure;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a view that is dropped would go with it. */
    private final ObservableList<String> namesView = FXCollections.unmodifiableObservableList(names);

    ChatPresets(SettingsPresets store, UiExecutor executor, Supplier<ChatSettings> current, Consumer<ChatSettings> apply,
                Consumer<String> failure) {
        this.store = store;
        this.executor = executor;
        this.current = current;
        this.apply = apply;
        this.failure = failure;
        names.setAll(store.names());
    }

    ObservableList<String> names() {
        return namesView;
    }

    /** The conversation takes the preset's settings, keeping its model. */
    void apply(String name) {
        executor.submit(() -> store.get(name), preset -> preset.ifPresent(p -> apply.accept(current.get().tunedLike(p))),
                e -> failure.accept("Could not read the preset: " + e.getMessage()));
    }

    /** Saves the conversation's settings (not its model) under {@code name}, replacing a preset of that name. */
    void saveCurrent(String name) {
        ChatSettings now = current.get();
        executor.submit(() -> {
            store.save(name, now);
            return store.names();
        }, names::setAll, e -> failure.accept("Could not save the preset: " + e.getMessage()));
    }

    void delete(String name) {
        executor.submit(() -> {
            store.delete(name);
            return store.names();
        }, names::setAll, e -> failure.accept("Could not delete the preset: " + e.getMessage()));
    }
}
