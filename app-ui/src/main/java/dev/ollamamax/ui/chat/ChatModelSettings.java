package dev.ollamamax.ui.chat;

import dev.ollamamax.ui.common.UiExecutor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The models the chat can use (read from the nodes in the background) and the settings of the conversation
 * shown: read from {@link ChatSettingsStore} when a conversation is shown, saved off the UI thread when they
 * change, with a model chosen when there is none; and the presets of those settings.
 */
final class ChatModelSettings {

    private final ChatSettingsStore store;
    private final Supplier<List<ModelChoice>> modelSource;
    private final UiExecutor executor;
    private final Supplier<String> shown;
    private final Consumer<String> failure;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ChatSettings> settings = new ReadOnlyObjectWrapper<>(ChatSettings.defaults());
    private final ChatPresets presets;

    /** @param shown the id of the conversation shown, whose settings these are */
    ChatModelSettings(ChatSettingsStore store, Supplier<List<ModelChoice>> modelSource, UiExecutor executor,
                      Supplier<String> shown, Consumer<String> failure) {
        this.store = store;
        this.modelSource = modelSource;
        this.executor = executor;
        this.shown = shown;
        this.failure = failure;
        this.presets = new ChatPresets(new SettingsPresets(store.file().resolveSibling("chat-presets.json")), executor,
                settings::get, this::set, failure);
        settings.set(store.get(shown.get()));
    }

    /** Reads the models of all nodes again (with the node that would serve each). */
    void refreshModels() {
        executor.submit(modelSource::get, list -> {
            if (!models.equals(list)) {
                models.setAll(list);
            }
            ensureModel();
        }, e -> failure.accept("Could not list the models: " + e.getMessage()));
    }

    /** Takes the stored settings of conversation {@code id} (just shown). */
    void load(String id) {
        settings.set(store.get(id));
        ensureModel();
    }

    private void ensureModel() {
        if (settings.get().model().isEmpty() && !models.isEmpty()) {
            settings.set(settings.get().withModel(models.getFirst().name()));
        }
    }

    void set(ChatSettings value) {
        settings.set(value);
        keep();
    }

    /** Saves the settings for the conversation shown, off the UI thread. */
    void keep() {
        String id = shown.get();
        ChatSettings s = settings.get();
        executor.run(() -> store.put(id, s), () -> { }, e -> failure.accept("Could not save the chat settings: " + e.getMessage()));
    }

    ChatSettings get() {
        return settings.get();
    }

    ChatPresets presets() {
        return presets;
    }

    ObservableList<ModelChoice> models() {
        return models;
    }

    ReadOnlyObjectProperty<ChatSettings> property() {
        return settings.getReadOnlyProperty();
    }
}
