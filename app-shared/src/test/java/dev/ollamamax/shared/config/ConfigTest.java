package dev.ollamamax.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowThePortPlan() {
        Config c = Config.defaults();
        assertThat(c.getPort(Setting.PORT)).isEqualTo(13100);
        assertThat(c.getPort(Setting.WS_PORT)).isEqualTo(13101);
        assertThat(c.getPort(Setting.FALLBACK_PORT)).isEqualTo(13102);
        assertThat(c.get(Setting.HOST)).isEqualTo("127.0.0.1");
        assertThat(c.source(Setting.PORT)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void environmentOverridesDotEnvWhichOverridesDefaultsAndTheCommandLineWins() throws Exception {
        Files.writeString(dir.resolve(".env"), """
                # Server Ports - Primary API Gateway
                PORT=13200
                WS_PORT=13201
                OLLAMA_NODES=http://localhost:11434
                """);
        Config c = ConfigLoader.load(dir, Map.of("WS_PORT", "13301", "FALLBACK_PORT", "13302"), Map.of(),
                Map.of("FALLBACK_PORT", "13402"));
        assertThat(c.value(Setting.PORT)).isEqualTo(new ConfigValue(Setting.PORT, "13200", ConfigSource.DOTENV));
        assertThat(c.value(Setting.WS_PORT).source()).isEqualTo(ConfigSource.ENVIRONMENT);
        assertThat(c.getPort(Setting.WS_PORT)).isEqualTo(13301);
        assertThat(c.getPort(Setting.FALLBACK_PORT)).isEqualTo(13402);
        assertThat(c.source(Setting.FALLBACK_PORT)).isEqualTo(ConfigSource.COMMAND_LINE);
        assertThat(c.getList(Setting.OLLAMA_NODES)).containsExactly("http://localhost:11434");
        assertThat(c.dotEnvFile()).contains(dir.resolve(".env"));
    }

    @Test
    void theSeedsOldNamesAreHonoured() {
        Config c = Config.builder().dotEnv(dir.resolve(".env"), Map.of("API_PORT", "13100", "GO_API_PORT", "11434")).build();
        assertThat(c.getPort(Setting.BACKEND_API_PORT)).isEqualTo(11434);
        assertThat(c.source(Setting.PORT)).isEqualTo(ConfigSource.DOTENV);
    }

    @Test
    void badValuesGiveAMessageNamingTheSetting() {
        Config c = Config.builder().set(Setting.PORT, "abc").set(Setting.AUTH_ENABLED, "maybe").set(Setting.WS_PORT, "70000").build();
        assertThatThrownBy(() -> c.getPort(Setting.PORT)).isInstanceOf(ConfigException.class)
                .hasMessage("PORT is \"abc\" but must be a whole number");
        assertThatThrownBy(() -> c.getBoolean(Setting.AUTH_ENABLED)).hasMessageContaining("AUTH_ENABLED").hasMessageContaining("true or false");
        assertThatThrownBy(() -> c.getPort(Setting.WS_PORT)).hasMessageContaining("between 0 and 65535");
    }

    @Test
    void secretsAreMaskedForDisplay() {
        Config c = Config.builder().set(Setting.JWT_SECRET, "hunter2").build();
        assertThat(c.value(Setting.JWT_SECRET).display()).isEqualTo("********");
        assertThat(c.effective()).hasSize(Setting.values().length);
    }

    @Test
    void dotEnvParsesCommentsQuotesAndExport() {
        Map<String, String> vars = DotEnv.parse(List.of("# c", "", "export A=1", "B=\"two words\"", "C='x'", "D=v # note", "junk"));
        assertThat(vars).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "x"), Map.entry("D", "v"));
    }

    @Test
    void appHomeFollowsEachOsConvention() {
        Path home = Path.of("/home/u");
        assertThat(AppHome.resolve("", "Linux", Map.of(), home)).isEqualTo(Path.of("/home/u/.local/share/ollamamax"));
        assertThat(AppHome.resolve("", "Linux", Map.of("XDG_DATA_HOME", "/x"), home)).isEqualTo(Path.of("/x/ollamamax"));
        assertThat(AppHome.resolve("", "Mac OS X", Map.of(), home)).isEqualTo(Path.of("/home/u/Library/Application Support/OllamaMax"));
        assertThat(AppHome.resolve("", "Windows 11", Map.of("APPDATA", "C:/AppData"), home)).isEqualTo(Path.of("C:/AppData/OllamaMax"));
        assertThat(AppHome.resolve("/data/omx", "Linux", Map.of(), home)).isEqualTo(Path.of("/data/omx"));
    }
}
