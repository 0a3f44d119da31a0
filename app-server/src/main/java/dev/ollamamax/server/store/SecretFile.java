package dev.ollamamax.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A secret kept in a file only its owner may read (rw------- where the file system has POSIX
 * permissions): generated on first use, read afterwards. The secret itself is never logged.
 */
public final class SecretFile {

    private static final Logger LOG = Logger.getLogger(SecretFile.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /** The secret in {@code file}, or a new one of {@code randomBytes} random bytes (base64url) written there. */
    public static String readOrCreate(Path file, int randomBytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] bytes = new byte[randomBytes];
                RANDOM.nextBytes(bytes);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                try {
                    create(file);
                    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
                    LOG.info(() -> "Generated a new secret in " + file + " (readable by its owner only)");
                    return secret;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            tighten(file);
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException("The secret file " + file + " is empty; delete it to generate a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file is readable and writable by its owner only (always true where there are no POSIX permissions). */
    public static boolean isOwnerOnly(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return true;
        }
        return Files.getPosixFilePermissions(file).equals(OWNER_ONLY);
    }

    /** Writes a file that only its owner may read, replacing any previous content. */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            create(file);
        }
        tighten(file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void create(Path file) throws IOException {
        if (supportsPosix(file.toAbsolutePath().getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    private static void tighten(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            LOG.warning(() -> "The secret file " + file + " was readable by others; it is now readable by its owner only");
        }
    }

    private static boolean supportsPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
