package dev.ollamamax.ui.settings;

import dev.ollamamax.shared.config.ConfigSource;
import dev.ollamamax.shared.config.ConfigValue;
import dev.ollamamax.shared.config.Setting;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One setting as the Settings table shows it. {@link #valueProperty()} is what the person types; for a
 * secret it starts empty (meaning "keep the current one") so the secret is never put in a text field.
 */
public final class SettingRow {

    private final Setting setting;
    private final ReadOnlyStringWrapper effective = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ConfigSource> source = new ReadOnlyObjectWrapper<>();
    private final StringProperty value = new SimpleStringProperty("");
    private final BooleanBinding dirty;

    SettingRow(ConfigValue current) {
        this.setting = current.setting();
        update(current);
        this.dirty = setting.secret()
                ? Bindings.createBooleanBinding(() -> !value.get().isEmpty(), value)
                : Bindings.createBooleanBinding(() -> !value.get().equals(effective.get()), value, effective);
    }

    /** Takes the new effective value; the edit is reset to it. */
    void update(ConfigValue current) {
        effective.set(current.value());
        shown.set(current.display());
        source.set(current.source());
        value.set(setting.secret() ? "" : current.value());
    }

    public Setting setting() {
        return setting;
    }

    public String name() {
        return setting.envName();
    }

    public String description() {
        return setting.description();
    }

    public boolean secret() {
        return setting.secret();
    }

    /** Whether a change only takes effect after the gateway restarts (all but the desktop's own settings). */
    public boolean needsRestart() {
        return !desktopOnly(setting);
    }

    /** Settings only the desktop reads, at the moment it needs them: the theme, the ollama program. */
    static boolean desktopOnly(Setting setting) {
        return setting == Setting.UI_THEME || setting == Setting.OLLAMA_BINARY;
    }

    /** The edited value; for a secret, empty means unchanged. */
    public StringProperty valueProperty() {
        return value;
    }

    /** The effective value as it may be shown (secrets masked). */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConfigSource> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    String effective() {
        return effective.get();
    }
}
