package dev.ollamamax.ui.settings;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a configuration before it is saved, so a typo never reaches the settings file. */
final class SettingsValidation {

    private static final Set<Setting> BOOLEANS = Set.of(Setting.ENABLE_LOCAL_OLLAMA, Setting.ENABLE_OLLAMA_DISCOVERY,
            Setting.AUTH_ENABLED, Setting.ALLOW_REGISTRATION);
    private static final Set<Setting> NUMBERS = Set.of(Setting.NODE_PROBE_INTERVAL_MS, Setting.NODE_COOLDOWN_MS,
            Setting.UPSTREAM_CONNECT_TIMEOUT_MS, Setting.MAX_BODY_BYTES, Setting.WS_MAX_FRAME_BYTES,
            Setting.JWT_TTL_SECONDS, Setting.RATE_LIMIT_PER_MINUTE);

    private SettingsValidation() {
    }

    /** Every problem, one sentence each; empty when the configuration can be used. */
    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        for (Setting s : Setting.values()) {
            problem(config, s).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * What is wrong with {@code value} for one setting, as it is typed (the Settings form decorates the field
     * with it); empty when it can be used. An empty secret means "keep the current one".
     */
    static java.util.Optional<String> problem(Setting s, String value) {
        if (s.secret() && value.isEmpty()) {
            return java.util.Optional.empty();
        }
        return problem(Config.builder().set(s, value).build(), s);
    }

    private static java.util.Optional<String> problem(Config config, Setting s) {
        {
            try {
                if (s.envName().endsWith("_PORT") || s == Setting.PORT) {
                    config.getPort(s);
                } else if (BOOLEANS.contains(s)) {
                    config.getBoolean(s);
                } else if (NUMBERS.contains(s)) {
                    if (config.getLong(s) < 0) {
                        throw new ConfigException(s, config.get(s), "zero or more");
                    }
                } else if (s == Setting.UI_THEME && !config.get(s).matches("light|dark")) {
                    throw new ConfigException(s, config.get(s), "light or dark");
                }
            } catch (ConfigException e) {
                return java.util.Optional.of(e.getMessage());
            }
        }
        return java.util.Optional.empty();
    }
}
