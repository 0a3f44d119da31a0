package dev.ollamamax.shared.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: for each {@link Setting}, the value of the highest layer that names it
 * (defaults, then {@code .env}, then environment, then saved settings, then the command line).
 * Immutable; build a new one to change a value.
 */
public final class Config {

    private final Map<Setting, ConfigValue> values;
    private final Optional<Path> dotEnvFile;

    private Config(Map<Setting, ConfigValue> values, Optional<Path> dotEnvFile) {
        this.values = values;
        this.dotEnvFile = dotEnvFile;
    }

    /** All built-in defaults, nothing else: handy for tests. */
    public static Config defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConfigValue value(Setting setting) {
        return values.get(setting);
    }

    public String get(Setting setting) {
        return values.get(setting).value();
    }

    public ConfigSource source(Setting setting) {
        return values.get(setting).source();
    }

    public int getInt(Setting setting) {
        String v = get(setting).strip();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, v, "a whole number");
        }
    }

    public long getLong(Setting setting) {
        String v = get(setting).strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, v, "a whole number");
        }
    }

    public int getPort(Setting setting) {
        int port = getInt(setting);
        if (port < 0 || port > 65535) {
            throw new ConfigException(setting, get(setting), "a port between 0 and 65535");
        }
        return port;
    }

    public boolean getBoolean(Setting setting) {
        String v = get(setting).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> throw new ConfigException(setting, v, "true or false");
        };
    }

    /** A comma-separated value as a list, blanks dropped. */
    public List<String> getList(Setting setting) {
        return Arrays.stream(get(setting).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Every setting with its effective value and source, in declaration order. */
    public List<ConfigValue> effective() {
        return Arrays.stream(Setting.values()).map(values::get).toList();
    }

    /** The {@code .env} file that was read, if any. */
    public Optional<Path> dotEnvFile() {
        return dotEnvFile;
    }

    /** A copy with one value replaced, attributed to the given source. */
    public Config with(Setting setting, String value, ConfigSource source) {
        Map<Setting, ConfigValue> copy = new EnumMap<>(values);
        copy.put(setting, new ConfigValue(setting, value, source));
        return new Config(copy, dotEnvFile);
    }

    /** Layers are applied in the order of {@link ConfigSource}, whatever order they are given in. */
    public static final class Builder {
        private final Map<ConfigSource, Map<String, String>> layers = new EnumMap<>(ConfigSource.class);
        private Optional<Path> dotEnvFile = Optional.empty();

        public Builder layer(ConfigSource source, Map<String, String> vars) {
            layers.put(source, Map.copyOf(vars));
            return this;
        }

        public Builder dotEnv(Path file, Map<String, String> vars) {
            this.dotEnvFile = Optional.of(file);
            return layer(ConfigSource.DOTENV, vars);
        }

        public Builder environment(Map<String, String> env) {
            return layer(ConfigSource.ENVIRONMENT, env);
        }

        public Builder commandLine(Map<String, String> options) {
            return layer(ConfigSource.COMMAND_LINE, options);
        }

        public Builder set(Setting setting, String value) {
            Map<String, String> cli = new java.util.HashMap<>(layers.getOrDefault(ConfigSource.COMMAND_LINE, Map.of()));
            cli.put(setting.envName(), value);
            return commandLine(cli);
        }

        public Config build() {
            Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
            for (Setting s : Setting.values()) {
                values.put(s, new ConfigValue(s, s.defaultValue(), ConfigSource.DEFAULT));
            }
            for (ConfigSource source : ConfigSource.values()) {
                Map<String, String> vars = layers.get(source);
                if (vars == null) {
                    continue;
                }
                for (Setting s : Setting.values()) {
                    lookup(vars, s).ifPresent(v -> values.put(s, new ConfigValue(s, v, source)));
                }
            }
            return new Config(values, dotEnvFile);
        }

        private static Optional<String> lookup(Map<String, String> vars, Setting s) {
            if (vars.containsKey(s.envName())) {
                return Optional.of(vars.get(s.envName()));
            }
            if (vars.containsKey(s.key())) {
                return Optional.of(vars.get(s.key()));
            }
            return s.aliases().stream().filter(vars::containsKey).findFirst().map(vars::get);
        }
    }
}
