package dev.ollamamax.shared.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The app's data folder: {@code OLLAMAMAX_HOME}, else the per-OS convention. */
public final class AppHome {

    private AppHome() {
    }

    public static Path resolve(Config config) {
        return resolve(config.get(Setting.OLLAMAMAX_HOME), System.getProperty("os.name"), System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    static Path resolve(String configured, String osName, Map<String, String> env, Path userHome) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : userHome.resolve("AppData/Roaming")).resolve("OllamaMax");
        }
        if (os.contains("mac")) {
            return userHome.resolve("Library/Application Support/OllamaMax");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local/share")).resolve("ollamamax");
    }
}
