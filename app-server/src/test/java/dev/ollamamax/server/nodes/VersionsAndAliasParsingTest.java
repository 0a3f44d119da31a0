package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ollama version order (for version-gated features and /api/version) and the MODEL_ALIASES syntax. */
class VersionsAndAliasParsingTest {

    @Test
    void versionsCompareByTheirNumbersWithAPreReleaseBeforeItsRelease() {
        assertThat(OllamaVersion.atLeast(Optional.of("0.12.11"), "0.12.11")).isTrue();
        assertThat(OllamaVersion.atLeast(Optional.of("0.12.9"), "0.12.11")).isFalse();
        assertThat(OllamaVersion.atLeast(Optional.of("0.13.0-rc1"), "0.12.11")).isTrue();
        assertThat(OllamaVersion.atLeast(Optional.of("v0.14.2"), "0.12.11")).isTrue();
        assertThat(OllamaVersion.atLeast(Optional.of("0.0.0"), "0.12.11")).isFalse();
        assertThat(OllamaVersion.atLeast(Optional.empty(), "0.12.11")).isFalse();
        assertThat(OllamaVersion.atLeast(Optional.of("dev"), "0.12.11")).isFalse();
        assertThat(List.of("0.13.0", "0.12.9", "0.13.0-rc2", "0.12.11").stream().sorted(OllamaVersion.ORDER).toList())
                .containsExactly("0.12.9", "0.12.11", "0.13.0-rc2", "0.13.0");
    }

    @Test
    void aliasesParseFromNameEqualsModelsSeparatedBySemicolons() {
        assertThat(ModelAliases.parse(" coder = qwen2.5-coder:32b , qwen2.5-coder:7b ; fast=llama3.2:1b;"))
                .isEqualTo(Map.of("coder", List.of("qwen2.5-coder:32b", "qwen2.5-coder:7b"), "fast", List.of("llama3.2:1b")));
        assertThat(ModelAliases.parse("")).isEmpty();
        assertThatThrownBy(() -> ModelAliases.parse("coder")).hasMessageContaining("'coder'");
        assertThatThrownBy(() -> ModelAliases.parse("coder=")).hasMessageContaining("name=model");
        assertThatThrownBy(() -> ModelAliases.parse("my coder=x:1b")).hasMessageContaining("not a valid alias name");
    }
}
