package dev.ollamamax.ui.app;

import dev.ollamamax.shared.config.AppHome;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigLoader;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.config.SettingsStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The desktop's configuration, read exactly as the headless gateway reads it ({@code .env},
 * environment, command line) plus the saved layer from {@code <home>/settings.properties}.
 */
public record DesktopConfig(Config config, SettingsStore store, Function<Map<String, String>, Config> loader) {

    /** Reads the layers; the data folder (and so the settings file) comes from the layers without saved values. */
    public static DesktopConfig load(Path workingDir, Map<String, String> env, Map<String, String> commandLine) {
        Function<Map<String, String>, Config> loader = saved -> ConfigLoader.load(workingDir, env, saved, commandLine);
        Path home = AppHome.resolve(loader.apply(Map.of()));
        SettingsStore store = SettingsStore.in(home);
        return new DesktopConfig(loader.apply(store.load()), store, loader);
    }

    /** The command-line layer from {@code --name=value} arguments (env names, kebab keys or aliases). */
    public static Map<String, String> commandLine(Map<String, String> named) {
        Map<String, String> cli = new LinkedHashMap<>();
        named.forEach((k, v) -> cli.put(Setting.find(k).map(Setting::envName).orElse(k), v));
        return cli;
    }
}
