package dev.ollamamax.shared.ports.envfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.config.DotEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class EnvFileEditorTest {

    @TempDir
    Path dir;

    private static final String SEED = """
            # Server Ports - Primary API Gateway
            PORT=13100
            API_PORT=13100

            GO_API_PORT=11434   # the Go backend
            # Ollama Configuration - Use Go backend as primary
            export ENABLE_OLLAMA_DISCOVERY=true
            OLLAMA_NODES="http://localhost:11434"
            """;

    @Test
    void replacesTheLineOfTheKeyAndKeepsEverythingElse() throws Exception {
        Path env = write(".env", SEED);

        EditResult r = EnvFileEditor.set(env, "OLLAMA_NODES", "http://localhost:11500");

        assertThat(Files.readString(env)).isEqualTo(SEED.replace("\"http://localhost:11434\"", "\"http://localhost:11500\""));
        assertThat(r.oldValue()).contains("http://localhost:11434");
        assertThat(r.newValue()).isEqualTo("http://localhost:11500");
    }

    @Test
    void anAliasLineIsReplacedUnderItsOwnNameKeepingItsComment() throws Exception {
        Path env = write(".env", SEED);

        EditResult r = EnvFileEditor.set(env, "BACKEND_API_PORT", "8080");

        assertThat(Files.readString(env)).isEqualTo(SEED.replace("GO_API_PORT=11434   # the Go backend",
                "GO_API_PORT=8080   # the Go backend"));
        assertThat(r.oldValue()).contains("11434");
        assertThat(DotEnv.read(env)).containsEntry("GO_API_PORT", "8080").doesNotContainKey("BACKEND_API_PORT");
    }

    @Test
    void everyNameOfTheSettingIsChangedSoTheFileStaysConsistent() throws Exception {
        Path env = write(".env", SEED);

        EnvFileEditor.set(env, "PORT", "13103");

        assertThat(DotEnv.read(env)).containsEntry("PORT", "13103").containsEntry("API_PORT", "13103")
                .containsEntry("GO_API_PORT", "11434");
    }

    @Test
    void aMissingKeyIsAppendedAndTheOldFileKeptAsBackup() throws Exception {
        Path env = write(".env", "PORT=13100");

        EditResult r = EnvFileEditor.set(env, "OLLAMA_PORT", "11500");

        assertThat(Files.readString(env)).isEqualTo("PORT=13100\nOLLAMA_PORT=11500\n");
        assertThat(r.oldValue()).isEmpty();
        assertThat(r.backup()).isEqualTo(env.resolveSibling(".env.bak"));
        assertThat(Files.readString(r.backup())).isEqualTo("PORT=13100");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".env", ".env.bak");
        }
    }

    @Test
    void keepsWindowsLineEndingsAndQuotes() throws Exception {
        Path env = write(".env", "# ports\r\nREDIS_PORT='6379'\r\nX=1\r\n");

        EnvFileEditor.set(env, "REDIS_PORT", "6380");

        assertThat(Files.readString(env)).isEqualTo("# ports\r\nREDIS_PORT='6380'\r\nX=1\r\n");
    }

    @Test
    void quotesAValueThatWouldOtherwiseBeReadDifferently() throws Exception {
        Path env = write(".env", "NAME=x\n");

        EnvFileEditor.set(env, "NAME", "two words # not a comment");

        assertThat(DotEnv.read(env)).containsEntry("NAME", "two words # not a comment");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void keepsTheFilePermissionsAndEditsTheTargetOfALink() throws Exception {
        Path real = write("real.env", "JWT_SECRET=s3cret\nPORT=1\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve(".env"), real);

        EditResult r = EnvFileEditor.set(link, "PORT", "13100");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(r.file()).isEqualTo(real.toRealPath());
        assertThat(Files.readString(real)).isEqualTo("JWT_SECRET=s3cret\nPORT=13100\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
    }

    @Test
    void aMissingFileIsNotCreated() {
        Path env = dir.resolve(".env");

        assertThatThrownBy(() -> EnvFileEditor.set(env, "PORT", "13100"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nothing was written");
        assertThat(env).doesNotExist();
    }

    @Test
    void rejectsAKeyWithSpacesAndAMultiLineValueWithoutTouchingTheFile() throws Exception {
        Path env = write(".env", SEED);

        assertThatThrownBy(() -> EnvFileEditor.set(env, "MY PORT", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"MY PORT\" is not a valid .env key: use letters, digits and underscores, not starting with a digit");
        assertThatThrownBy(() -> EnvFileEditor.set(env, "PORT", "1\n2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The value for PORT must be a single line");
        assertThat(Files.readString(env)).isEqualTo(SEED);
        assertThat(dir.resolve(".env.bak")).doesNotExist();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
