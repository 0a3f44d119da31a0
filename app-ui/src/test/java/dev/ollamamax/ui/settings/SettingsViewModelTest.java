package dev.ollamamax.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigSource;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.app.DesktopConfig;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path dir;

    DesktopConfig config;
    SettingsViewModel model;
    final List<Config> restartedWith = new ArrayList<>();
    final List<Config> saved = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        Files.writeString(dir.resolve(".env"), "# project settings\nWS_PORT=14101\n");
        Map<String, String> env = Map.of("OLLAMAMAX_HOME", dir.resolve("home").toString(), "JWT_SECRET", "s3cret-value");
        config = DesktopConfig.load(dir, env, Map.of());
        model = new SettingsViewModel(config.config(), config.store(), config.loader(), c -> {
            restartedWith.add(c);
            return List.of();
        }, new SameThreadUiExecutor());
        model.onSaved(saved::add);
    }

    @Test
    void showsEveryValueWithItsSourceAndMasksSecrets() {
        assertThat(model.rows()).hasSize(Setting.values().length);
        assertThat(model.row(Setting.PORT).shownProperty().get()).isEqualTo("13100");
        assertThat(model.row(Setting.PORT).sourceProperty().get()).isEqualTo(ConfigSource.DEFAULT);
        assertThat(model.row(Setting.WS_PORT).sourceProperty().get()).isEqualTo(ConfigSource.DOTENV);
        SettingRow secret = model.row(Setting.JWT_SECRET);
        assertThat(secret.sourceProperty().get()).isEqualTo(ConfigSource.ENVIRONMENT);
        assertThat(secret.shownProperty().get()).isEqualTo("********");
        assertThat(secret.valueProperty().get()).isEmpty();
        assertThat(model.hasChangesProperty().get()).isFalse();
    }

    @Test
    void savingAPortWritesTheSettingsFileAndAsksForARestart() throws Exception {
        model.row(Setting.PORT).valueProperty().set("14100");
        assertThat(model.hasChangesProperty().get()).isTrue();

        model.save();

        assertThat(Files.readString(config.store().file())).contains("PORT=14100");
        assertThat(model.row(Setting.PORT).sourceProperty().get()).isEqualTo(ConfigSource.SAVED);
        assertThat(model.config().getPort(Setting.PORT)).isEqualTo(14100);
        assertThat(model.hasChangesProperty().get()).isFalse();
        assertThat(model.restartNeededProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Saved 1 setting to ").endsWith("Restart the gateway to apply.");
        assertThat(saved).hasSize(1);

        model.restartGateway();
        assertThat(restartedWith).singleElement().satisfies(c -> assertThat(c.getPort(Setting.PORT)).isEqualTo(14100));
        assertThat(model.restartNeededProperty().get()).isFalse();
    }

    @Test
    void refusesAValueThatIsNotAPortAndWritesNothing() {
        model.row(Setting.FALLBACK_PORT).valueProperty().set("fallback");

        model.save();

        assertThat(model.messageProperty().get())
                .isEqualTo("Not saved: FALLBACK_PORT is \"fallback\" but must be a whole number");
        assertThat(config.store().file()).doesNotExist();
        assertThat(model.hasChangesProperty().get()).isTrue();
    }

    @Test
    void aSecretIsOnlyChangedWhenSomethingIsTypedAndNeverShown() {
        model.row(Setting.JWT_SECRET).valueProperty().set("a-new-secret-of-enough-length");
        model.save();

        assertThat(config.store().load()).containsEntry("JWT_SECRET", "a-new-secret-of-enough-length");
        assertThat(model.row(Setting.JWT_SECRET).shownProperty().get()).isEqualTo("********");
        assertThat(model.row(Setting.JWT_SECRET).valueProperty().get()).isEmpty();
    }

    @Test
    void theThemeAppliesWithoutARestartAndKeepsOtherEdits() {
        model.row(Setting.PORT).valueProperty().set("14100");

        model.set(Setting.UI_THEME, "dark");

        assertThat(model.config().get(Setting.UI_THEME)).isEqualTo("dark");
        assertThat(model.restartNeededProperty().get()).isFalse();
        assertThat(model.row(Setting.PORT).valueProperty().get()).isEqualTo("14100");
        assertThat(saved).singleElement().satisfies(c -> assertThat(c.get(Setting.UI_THEME)).isEqualTo("dark"));
    }

    @Test
    void forgettingASavedValueFallsBackToTheDotEnv() {
        model.row(Setting.WS_PORT).valueProperty().set("15101");
        model.save();
        assertThat(model.row(Setting.WS_PORT).sourceProperty().get()).isEqualTo(ConfigSource.SAVED);

        model.forget(model.row(Setting.WS_PORT));

        assertThat(model.row(Setting.WS_PORT).shownProperty().get()).isEqualTo("14101");
        assertThat(model.row(Setting.WS_PORT).sourceProperty().get()).isEqualTo(ConfigSource.DOTENV);
        assertThat(config.store().load()).doesNotContainKey("WS_PORT");
    }

    @Test
    void theFilterFindsSettingsByNameOrDescription() {
        model.filterProperty().set("redis");
        assertThat(model.rows()).extracting(SettingRow::setting).containsExactly(Setting.REDIS_PORT,
                Setting.CACHE_RESPONSES, Setting.REDIS_URL);
        model.filterProperty().set("");
        assertThat(model.rows()).hasSize(Setting.values().length);
    }
}
