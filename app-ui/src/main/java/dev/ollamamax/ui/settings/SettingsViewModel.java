package dev.ollamamax.ui.settings;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.SettingsStore;
import dev.ollamamax.ui.common.UiExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Settings screen: every setting with its effective value and source. {@link #save()}
 * merges the edits into the saved layer, writes it atomically through {@link SettingsStore} and reloads
 * the configuration; changes that need a restart raise {@link #restartNeededProperty()} and
 * {@link #restartGateway()} applies them.
 */
public final class SettingsViewModel {

    /** Restarts the gateway with a configuration; returns the failures (empty when all listeners came up). */
    public interface GatewayRestarter {
        List<String> restart(Config config) throws Exception;
    }

    private final SettingsStore store;
    private final Function<Map<String, String>, Config> loader;
    private final GatewayRestarter restarter;
    private final UiExecutor executor;
    private final ObservableList<SettingRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.dirtyProperty()});
    private final FilteredList<SettingRow> visible = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper restartNeeded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanBinding hasChanges;
    private final List<Consumer<Config>> savedListeners = new CopyOnWriteArrayList<>();
    private Config config;

    public SettingsViewModel(Config config, SettingsStore store, Function<Map<String, String>, Config> loader,
                             GatewayRestarter restarter, UiExecutor executor) {
        this.config = config;
        this.store = store;
        this.loader = loader;
        this.restarter = restarter;
        this.executor = executor;
        config.effective().forEach(v -> rows.add(new SettingRow(v)));
        hasChanges = Bindings.createBooleanBinding(() -> rows.stream().anyMatch(SettingRow::isDirty), rows);
        filter.addListener((o, was, now) -> visible.setPredicate(matching(now)));
    }

    /** The rows that match the filter, in the order of the Setting enum. */
    public ObservableList<SettingRow> rows() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanBinding hasChangesProperty() {
        return hasChanges;
    }

    public ReadOnlyBooleanProperty restartNeededProperty() {
        return restartNeeded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What happened last ("Saved 2 settings to …", a validation error, restart failures). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public Config config() {
        return config;
    }

    /** Called on the UI thread with the new configuration after every successful save. */
    public void onSaved(Consumer<Config> listener) {
        savedListeners.add(listener);
    }

    /** Writes the edited values into the saved layer and reloads; invalid values are refused with a message. */
    public void save() {
        Map<String, String> edits = new LinkedHashMap<>();
        rows.stream().filter(SettingRow::isDirty).forEach(r -> edits.put(r.name(), r.valueProperty().get()));
        if (edits.isEmpty()) {
            message.set("Nothing to save.");
            return;
        }
        boolean needsRestart = rows.stream().filter(SettingRow::isDirty).anyMatch(SettingRow::needsRestart);
        writeSaved(saved -> saved.putAll(edits), edits.keySet(),
                "Saved " + edits.size() + (edits.size() == 1 ? " setting" : " settings"), needsRestart);
    }

    /** Saves one value at once (the theme toggle uses this); other unsaved edits are kept. */
    public void set(dev.ollamamax.shared.config.Setting setting, String value) {
        writeSaved(saved -> saved.put(setting.envName(), value), java.util.Set.of(setting.envName()),
                "Saved " + setting.envName(), !SettingRow.desktopOnly(setting));
    }

    /** Drops a saved value so the setting falls back to .env, environment or default. */
    public void forget(SettingRow row) {
        writeSaved(saved -> saved.remove(row.name()), java.util.Set.of(row.name()), "Removed the saved value of " + row.name(), row.needsRestart());
    }

    /** Takes a configuration changed elsewhere (a port moved from the Ports screen); unsaved edits stay. */
    public void reload(Config changed) {
        config = changed;
        rows.stream().filter(r -> !r.isDirty()).forEach(r -> r.update(changed.value(r.setting())));
    }

    /** Throws away unsaved edits. */
    public void revert() {
        rows.forEach(r -> r.update(config.value(r.setting())));
        message.set("");
    }

    private void writeSaved(Consumer<Map<String, String>> change, java.util.Set<String> touched, String done,
                            boolean needsRestart) {
        busy.set(true);
        executor.submit(() -> {
            Map<String, String> saved = new LinkedHashMap<>(store.load());
            change.accept(saved);
            Config next = loader.apply(saved);
            List<String> problems = SettingsValidation.problems(next);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            store.save(saved);
            return next;
        }, next -> {
            busy.set(false);
            config = next;
            rows.stream().filter(r -> !r.isDirty() || touched.contains(r.name()))
                    .forEach(r -> r.update(next.value(r.setting())));
            restartNeeded.set(restartNeeded.get() || needsRestart);
            message.set(done + " to " + store.file() + (needsRestart ? ". Restart the gateway to apply." : "."));
            savedListeners.forEach(l -> l.accept(next));
        }, e -> {
            busy.set(false);
            message.set("Not saved: " + e.getMessage());
        });
    }

    /** Restarts the embedded gateway with the saved configuration. */
    public void restartGateway() {
        busy.set(true);
        Config target = config;
        executor.submit(() -> restarter.restart(target), failures -> {
            busy.set(false);
            restartNeeded.set(false);
            message.set(failures.isEmpty() ? "Gateway restarted with the new settings."
                    : "Gateway restarted, but: " + String.join("; ", failures));
        }, e -> {
            busy.set(false);
            message.set("Gateway restart failed: " + e.getMessage());
        });
    }

    private static java.util.function.Predicate<SettingRow> matching(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return r -> r.name().toLowerCase(Locale.ROOT).contains(needle)
                || r.setting().key().contains(needle)
                || r.description().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** For tests: the row of one setting. */
    SettingRow row(dev.ollamamax.shared.config.Setting setting) {
        return rows.stream().filter(r -> r.setting() == setting).findFirst().orElseThrow();
    }
}
