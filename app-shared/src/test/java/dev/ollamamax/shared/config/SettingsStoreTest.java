package dev.ollamamax.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void loadsNothingBeforeAnythingWasSaved() {
        assertThat(SettingsStore.in(home).load()).isEmpty();
    }

    @Test
    void savedValuesComeBackAndFeedTheSavedLayer() throws Exception {
        SettingsStore store = SettingsStore.in(home.resolve("nested"));
        store.save(Map.of("PORT", "14100", "UI_THEME", "dark", "CORS_ORIGINS", "http://a:1,http://b:2"));

        Map<String, String> loaded = store.load();
        assertThat(loaded).containsEntry("PORT", "14100").containsEntry("UI_THEME", "dark")
                .containsEntry("CORS_ORIGINS", "http://a:1,http://b:2");
        Config config = Config.builder().layer(ConfigSource.SAVED, loaded).build();
        assertThat(config.getPort(Setting.PORT)).isEqualTo(14100);
        assertThat(config.source(Setting.PORT)).isEqualTo(ConfigSource.SAVED);
    }

    @Test
    void saveReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        SettingsStore store = SettingsStore.in(home);
        store.save(Map.of("PORT", "14100", "WS_PORT", "14101"));
        store.save(Map.of("WS_PORT", "15101"));

        assertThat(store.load()).containsExactlyEntriesOf(Map.of("WS_PORT", "15101"));
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
    }

    @Test
    void writesKeysInSortedOrderSoTheFileDiffsCleanly() throws Exception {
        SettingsStore store = SettingsStore.in(home);
        store.save(Map.of("WS_PORT", "1", "FALLBACK_PORT", "2", "PORT", "3"));

        assertThat(Files.readAllLines(store.file()).stream().filter(l -> !l.startsWith("#")))
                .containsExactly("FALLBACK_PORT=2", "PORT=3", "WS_PORT=1");
    }
}
