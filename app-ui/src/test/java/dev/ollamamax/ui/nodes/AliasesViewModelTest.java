package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alias editor against the real gateway's {@code /api/v1/aliases} (stored in the test JVM's PostgreSQL). */
class AliasesViewModelTest {

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String configured = "fast-" + tag;
    AliasesViewModel aliases;
    FakeOllama node;

    @BeforeEach
    void start() {
        node = FakeOllama.start().model("llama3.2").model("qwen2.5:0.5b");
        open.add(node);
        GatewayManager gateway = DesktopGateways.manager(dir.resolve("home"),
                Map.of(Setting.MODEL_ALIASES, configured + "=llama3.2:1b,llama3.2"), node);
        open.add(gateway);
        GatewayApi api = new GatewayApi(gateway);
        open.add(api);
        aliases = new ModelsViewModel(gateway, api, new SameThreadUiExecutor()).aliases();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Optional<AliasRow> find(String name) {
        return aliases.aliases().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Test
    void listsConfiguredAliasesReadOnlyAndAddsReplacesAndDeletesStoredOnes() {
        String coder = "coder-" + tag + ":latest";
        aliases.refresh();
        assertThat(find(configured)).contains(new AliasRow(configured, List.of("llama3.2:1b", "llama3.2"), true));

        aliases.save(coder, " qwen2.5:0.5b , llama3.2 ");
        assertThat(aliases.messageProperty().get()).isEmpty();
        assertThat(find(coder)).contains(new AliasRow(coder, List.of("qwen2.5:0.5b", "llama3.2"), false));
        assertThat(find(coder).orElseThrow().chain()).isEqualTo("qwen2.5:0.5b → llama3.2");

        aliases.save(coder, "llama3.2");
        assertThat(find(coder).orElseThrow().models()).containsExactly("llama3.2");

        aliases.delete(find(coder).orElseThrow());
        assertThat(aliases.messageProperty().get()).isEmpty();
        assertThat(find(coder)).isEmpty();
        assertThat(find(configured)).isPresent();
    }

    @Test
    void refusalsAreShownInWords() {
        aliases.refresh();

        aliases.delete(find(configured).orElseThrow());
        assertThat(aliases.messageProperty().get()).isEqualTo(configured + " comes from MODEL_ALIASES: change it in the configuration (Settings)");
        assertThat(find(configured)).isPresent();

        aliases.save("bad name", "llama3.2");
        assertThat(aliases.messageProperty().get()).isEqualTo("'bad name' is not a valid alias name (letters, digits, . _ : / -)");
        aliases.save("ok-" + tag, " , ");
        assertThat(aliases.messageProperty().get()).startsWith("One model or more");

        aliases.save("nested-" + tag, configured);
        assertThat(aliases.messageProperty().get())
                .isEqualTo("Could not save nested-" + tag + ": An alias's models are models, not other aliases");
        assertThat(find("nested-" + tag)).isEmpty();
    }
}
