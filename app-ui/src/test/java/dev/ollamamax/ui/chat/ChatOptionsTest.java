package dev.ollamamax.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-chat think, num_ctx, top_p, seed and stop: typed, sent, kept, and saved as named presets. */
class ChatOptionsTest {

    @TempDir
    Path dir;

    static final ChatSettings TUNED = ChatSettings.defaults().withModel("qwen3").withSystem("Be precise.")
            .withTemperature(Optional.of(0.1)).withOptions(new ChatOptions(true, Optional.of(16384), Optional.of(0.9),
                    Optional.of(42L), List.of("\n\n", "User:")));

    @Test
    void stopSequencesAreTypedInOneFieldWithEscapes() {
        assertThat(ChatOptions.parseStop("User:, \\n\\n,  </s> ,a\\,b, \\\\")).containsExactly("User:", "\n\n", "</s>", "a,b", "\\");
        assertThat(ChatOptions.parseStop(" , ,")).isEmpty();
        ChatOptions o = ChatOptions.defaults().withStop(List.of("\n\n", "a,b", "x\\y", "\t"));
        assertThat(ChatOptions.parseStop(o.stopText())).isEqualTo(o.stop());
    }

    @Test
    void theOptionsGoIntoTheInferenceSettingsAndOnlyWhenSet() {
        var wire = TUNED.toProtocol();
        assertThat(wire.think()).isTrue();
        assertThat(wire.numCtx()).isEqualTo(16384);
        assertThat(wire.topP()).isEqualTo(0.9);
        assertThat(wire.seed()).isEqualTo(42L);
        assertThat(wire.stop()).containsExactly("\n\n", "User:");
        var plain = ChatSettings.defaults().toProtocol();
        assertThat(plain.think()).isNull();
        assertThat(plain.numCtx()).isNull();
        assertThat(plain.stop()).isNull();
        assertThatThrownBy(() -> ChatOptions.defaults().withTopP(Optional.of(1.5))).hasMessageContaining("top_p");
        assertThatThrownBy(() -> ChatOptions.defaults().withNumCtx(Optional.of(0))).hasMessageContaining("context window");
    }

    @Test
    void perConversationSettingsKeepTheOptionsAcrossARestart() throws Exception {
        Path file = dir.resolve("chat-settings.json");
        new ChatSettingsStore(file).put("c1", TUNED);
        assertThat(new ChatSettingsStore(file).get("c1")).isEqualTo(TUNED);
    }

    @Test
    void presetsAreSavedWithoutTheModelAppliedToAnyConversationAndDeleted() throws Exception {
        Path file = dir.resolve("chat-presets.json");
        SettingsPresets presets = new SettingsPresets(file);
        presets.save("  Precise 16k ", TUNED);
        presets.save("creative", ChatSettings.defaults().withTemperature(Optional.of(1.2)));
        SettingsPresets again = new SettingsPresets(file); // read back from the file
        assertThat(again.names()).containsExactly("creative", "Precise 16k");
        ChatSettings precise = again.get("precise 16K").orElseThrow();
        assertThat(precise.model()).isEmpty();
        ChatSettings applied = ChatSettings.defaults().withModel("llava").tunedLike(precise);
        assertThat(applied.model()).contains("llava");
        assertThat(applied.options()).isEqualTo(TUNED.options());
        assertThat(applied.system()).isEqualTo("Be precise.");
        assertThat(again.delete("creative")).isTrue();
        assertThat(new SettingsPresets(file).names()).containsExactly("Precise 16k");
        assertThatThrownBy(() -> again.save(" ", TUNED)).hasMessageContaining("name");
        assertThat(dir.toFile().list()).containsExactly("chat-presets.json"); // no temporary file left
    }
}
