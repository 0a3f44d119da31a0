package dev.ollamamax.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads the layers from the real world: the {@code .env} of a folder and the process environment. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads defaults, {@code <dir>/.env}, the environment, saved settings and command-line options.
     * The {@code .env} file is taken from {@code ENV_FILE} in the environment when set.
     */
    public static Config load(Path workingDir, Map<String, String> env, Map<String, String> saved,
                              Map<String, String> commandLine) {
        Path dotEnv = env.containsKey("ENV_FILE") ? Path.of(env.get("ENV_FILE")) : workingDir.resolve(".env");
        try {
            return Config.builder()
                    .dotEnv(dotEnv, DotEnv.read(dotEnv))
                    .environment(env)
                    .layer(ConfigSource.SAVED, saved)
                    .commandLine(commandLine)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dotEnv + ": " + e.getMessage(), e);
        }
    }

    /** Loads from the current directory and the process environment, with command-line options. */
    public static Config load(Map<String, String> commandLine) {
        return load(Path.of("").toAbsolutePath(), System.getenv(), Map.of(), commandLine);
    }
}
