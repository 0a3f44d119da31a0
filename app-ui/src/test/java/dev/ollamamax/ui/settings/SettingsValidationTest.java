package dev.ollamamax.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.config.Setting;
import org.junit.jupiter.api.Test;

/** The per-field check the Settings form decorates fields with (ControlsFX validation) as the person types. */
class SettingsValidationTest {

    @Test
    void aValueIsCheckedAsItIsTypedForItsOwnSetting() {
        assertThat(SettingsValidation.problem(Setting.PORT, "13100")).isEmpty();
        assertThat(SettingsValidation.problem(Setting.PORT, "13l00")).get().asString().contains("PORT");
        assertThat(SettingsValidation.problem(Setting.AUTH_ENABLED, "maybe")).isPresent();
        assertThat(SettingsValidation.problem(Setting.UI_THEME, "dark")).isEmpty();
        assertThat(SettingsValidation.problem(Setting.UI_THEME, "purple")).isPresent();
        assertThat(SettingsValidation.problem(Setting.RATE_LIMIT_PER_MINUTE, "-1")).isPresent();
        assertThat(SettingsValidation.problem(Setting.JWT_SECRET, "")).isEmpty(); // empty secret: keep the current one
    }
}
