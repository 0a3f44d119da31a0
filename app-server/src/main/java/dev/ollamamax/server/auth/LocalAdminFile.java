package dev.ollamamax.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.store.SecretFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The desktop's admin credential for the OS user: an API key of the reserved {@code (local)} admin account,
 * kept in {@code <OLLAMAMAX_HOME>/local-admin.json}, readable by its owner only. The desktop itself signs in
 * in-process; the file lets the same OS user's scripts and tools act as that admin. Nothing a web page can
 * send creates or reads it.
 */
final class LocalAdminFile {

    static final String NAME = "local-admin.json";

    private final Path file;
    private final ObjectMapper json;

    LocalAdminFile(Path home, ObjectMapper json) {
        this.file = home.resolve(NAME);
        this.json = json;
    }

    /** The key in the file when it still works for the local admin; otherwise a new key, written there. */
    String ensure(Accounts accounts, Authenticator authenticator) throws SQLException, IOException {
        Optional<String> existing = read().filter(k -> authenticator.authenticate(k)
                .filter(p -> p.username().equals(Users.LOCAL_USER) && p.isAdmin()).isPresent());
        if (existing.isPresent()) {
            SecretFile.writeOwnerOnly(file, Files.readString(file));
            return existing.get();
        }
        User local = accounts.localUser();
        IssuedKey key = accounts.createKey(local.id(), "desktop (local-admin.json)", KeyPolicy.UNRESTRICTED,
                "desktop", Optional.of(local.id()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", local.username());
        body.put("role", local.role());
        body.put("api_key", key.key());
        body.put("note", "The desktop's admin credential for this OS user: send it as Authorization: Bearer <api_key>. "
                + "Keep this file private; delete it to have a new key made at the next start.");
        SecretFile.writeOwnerOnly(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        return key.key();
    }

    Path path() {
        return file;
    }

    private Optional<String> read() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode node = json.readTree(file.toFile());
            return Optional.ofNullable(node.path("api_key").asText(null)).filter(s -> !s.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
