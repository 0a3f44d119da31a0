package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeModel;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Show details": {@code /api/show} through the gateway, for the model on the selected node, against real in-test nodes. */
class DetailsViewModelTest {

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    ModelsViewModel model;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    FakeOllama fake() {
        FakeOllama f = FakeOllama.start();
        open.add(f);
        return f;
    }

    void start(FakeOllama... nodes) {
        GatewayManager gateway = DesktopGateways.manager(dir.resolve("home"), Map.of(), nodes);
        open.add(gateway);
        GatewayApi api = new GatewayApi(gateway);
        open.add(api);
        model = new ModelsViewModel(gateway, api, new SameThreadUiExecutor());
    }

    static String id(FakeOllama f) {
        return "127.0.0.1:" + f.port();
    }

    ModelRow row(String name) {
        return model.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void showsParametersTemplateCapabilitiesAndTheFactsOfModelInfo() {
        FakeOllama a = fake().model(FakeModel.of("qwen2.5:0.5b").withDetails("qwen2", "494M", "Q8_0"));
        start(a);
        model.select(Optional.of(id(a)));

        model.showDetails(row("qwen2.5:0.5b"));

        ModelDetails d = model.details().detailsProperty().get().orElseThrow();
        assertThat(model.details().messageProperty().get()).isEmpty();
        assertThat(model.details().loadingProperty().get()).isFalse();
        assertThat(d.family()).isEqualTo("qwen2");
        assertThat(d.quantization()).isEqualTo("Q8_0");
        assertThat(d.parameterSize()).isEqualTo("494M");
        assertThat(d.contextLength()).contains(4096L);
        assertThat(d.contextText()).isEqualTo("4,096 tokens");
        assertThat(d.capabilities()).containsExactly("completion", "embedding");
        assertThat(d.parameters()).contains("num_ctx").contains("4096");
        assertThat(d.template()).contains("{{ .Prompt }}");
        assertThat(d.modelfile()).contains("FROM qwen2.5:0.5b");
        assertThat(d.license()).isEmpty();
    }

    @Test
    void readsTheCopyOnTheSelectedNodeWhenTwoNodesHaveTheSameName() {
        FakeOllama a = fake().model(FakeModel.of("coder").withDetails("llama", "8B", "Q4_K_M"));
        FakeOllama b = fake().model(FakeModel.of("coder").withDetails("qwen2", "7B", "Q8_0"));
        start(a, b);

        model.select(Optional.of(id(b)));
        model.showDetails(row("coder:latest"));
        assertThat(model.details().detailsProperty().get().orElseThrow().family()).isEqualTo("qwen2");
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/show"));

        model.select(Optional.of(id(a)));
        model.showDetails(row("coder:latest"));
        assertThat(model.details().detailsProperty().get().orElseThrow().family()).isEqualTo("llama");
        assertThat(b.requests()).filteredOn(r -> r.path().equals("/api/show")).hasSize(1);
    }

    @Test
    void aModelTheNodeNoLongerHasIsReportedInWords() {
        FakeOllama a = fake().model("llama3.2");
        start(a);
        model.select(Optional.of(id(a)));

        model.details().load("gone:latest", id(a));

        assertThat(model.details().detailsProperty().get()).isEmpty();
        assertThat(model.details().messageProperty().get())
                .isEqualTo("Could not read the details of gone:latest on " + id(a) + ": model 'gone:latest' not found");
    }
}
