package dev.ollamamax.server.auth;

import dev.ollamamax.server.store.SecretFile;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The HS256 signing secret: {@code JWT_SECRET}, or one generated on first run into {@code <home>/jwt-secret}
 * (owner-only). Its UTF-8 bytes are the key either way, so gateways given the file's content as
 * {@code JWT_SECRET} accept each other's tokens.
 */
final class JwtSecret {

    static final String FILE_NAME = "jwt-secret";
    private static final int MIN_BYTES = 32;

    private JwtSecret() {
    }

    static byte[] resolve(Config config, Path home) {
        String configured = config.get(Setting.JWT_SECRET);
        if (!configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new ConfigException("JWT_SECRET is too short (" + bytes.length + " bytes): HS256 needs at least "
                        + MIN_BYTES + " bytes. Use a longer random value, or leave JWT_SECRET empty to have one "
                        + "generated into " + home.resolve(FILE_NAME));
            }
            return bytes;
        }
        return SecretFile.readOrCreate(home.resolve(FILE_NAME), 48).getBytes(StandardCharsets.UTF_8);
    }
}
