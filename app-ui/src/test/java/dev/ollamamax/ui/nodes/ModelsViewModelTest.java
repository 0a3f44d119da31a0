package dev.ollamamax.ui.nodes;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.testing.FakeModel;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models of a node, pulls through the gateway's {@code /api/pull}, delete and copy, against real in-test nodes. */
class ModelsViewModelTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    GatewayManager gateway;
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
        gateway = DesktopGateways.manager(dir.resolve("home"), Map.of(), nodes);
        open.add(gateway);
        GatewayApi api = new GatewayApi(gateway);
        open.add(api);
        model = new ModelsViewModel(gateway, api, new SameThreadUiExecutor());
    }

    static String id(FakeOllama f) {
        return "127.0.0.1:" + f.port();
    }

    @Test
    void listsTheNodesModelsWithSizeQuantizationFamilyParametersAndWhetherLoaded() {
        FakeOllama a = fake().model(FakeModel.of("qwen2.5:0.5b").withDetails("qwen2", "494M", "Q8_0").withSize(397_000_000))
                .model("llama3.2").loaded("llama3.2");
        start(a);

        model.select(Optional.of(id(a)));

        assertThat(model.models()).containsExactly(
                new ModelRow("llama3.2:latest", 1_321_098_329L, "Q4_K_M", "llama", "1.2B", true),
                new ModelRow("qwen2.5:0.5b", 397_000_000, "Q8_0", "qwen2", "494M", false));
        assertThat(model.models().getLast().sizeText()).isEqualTo("397 MB");
    }

    @Test
    void aPullStreamsProgressPerLayerToOneHundredPercentAndTheModelAppears() {
        FakeOllama a = fake().model("llama3.2").pullLayers("tinyllama", 4_000_000, 120_000);
        start(a);
        model.select(Optional.of(id(a)));
        List<Double> seen = new ArrayList<>();

        PullJob job = model.pull("tinyllama").orElseThrow();
        job.overallProperty().addListener((o, was, now) -> seen.add(now.doubleValue()));

        assertThat(job.state()).isEqualTo(PullJob.State.DONE);
        assertThat(job.overall()).isEqualTo(1.0);
        assertThat(job.layers()).hasSize(2).allMatch(l -> l.fraction() == 1.0);
        assertThat(job.status()).isEqualTo("success");
        assertThat(a.requests()).anyMatch(r -> r.path().equals("/api/pull") && r.body().contains("tinyllama"));
        await(WAIT, model::refresh, () -> model.models().stream().anyMatch(m -> m.name().equals("tinyllama:latest")),
                "the pulled model listed after the gateway's probe");
    }

    @Test
    void aPullOfAnUnknownModelFailsWithOllamasMessage() {
        FakeOllama a = fake().model("llama3.2");
        start(a);
        model.select(Optional.of(id(a)));

        PullJob job = model.pull("does-not-exist").orElseThrow();

        assertThat(job.state()).isEqualTo(PullJob.State.FAILED);
        assertThat(job.status()).isEqualTo("pull model manifest: file does not exist");
    }

    @Test
    void cancellingAPullClosesItsStream() throws Exception {
        FakeOllama a = fake().model("llama3.2").pullLayers("big", 1000, 1000, 1000).tokenDelay(Duration.ofMillis(200));
        start(a);
        model.select(Optional.of(id(a)));
        PullJob[] job = new PullJob[1];
        Thread puller = Thread.ofVirtual().start(() -> job[0] = model.pull("big").orElseThrow());
        await(WAIT, () -> { }, () -> !model.pulls().isEmpty() && !model.pulls().getFirst().layers().isEmpty(),
                "the first layer");

        model.pulls().getFirst().cancel();
        puller.join(Duration.ofSeconds(10));

        assertThat(job[0].state()).isEqualTo(PullJob.State.CANCELLED);
        assertThat(job[0].overall()).isLessThan(1.0);
        await(WAIT, () -> { }, () -> a.pullsCut() == 1, "the node to see the pull's stream closed");
        DesktopGateways.probe(gateway);
        model.refresh();
        assertThat(model.models()).noneMatch(m -> m.name().equals("big:latest"));
    }

    @Test
    void copyToAnotherNodePullsTheModelThere() {
        FakeOllama a = fake().model("llama3.2");
        FakeOllama b = fake().model("mistral").pullLayers("llama3.2", 2000);
        start(a, b);
        model.select(Optional.of(id(a)));
        assertThat(model.otherNodes()).containsOnlyKeys(id(b));
        ModelRow llama = model.models().getFirst();

        PullJob job = model.copyTo(llama, id(b));

        assertThat(job.state()).isEqualTo(PullJob.State.DONE);
        assertThat(job.node()).isEqualTo(id(b));
        assertThat(b.requests()).anyMatch(r -> r.path().equals("/api/pull") && r.body().contains("llama3.2"));
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/pull"));
    }

    @Test
    void deleteRemovesTheModelFromThatNodeOnly() {
        FakeOllama a = fake().model("llama3.2").model("phi3");
        FakeOllama b = fake().model("phi3");
        start(a, b);
        model.select(Optional.of(id(a)));
        ModelRow phi3 = model.models().stream().filter(m -> m.name().equals("phi3:latest")).findFirst().orElseThrow();

        model.delete(phi3);

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.models()).extracting(ModelRow::name).containsExactly("llama3.2:latest");
        assertThat(a.requests()).anyMatch(r -> r.path().equals("/api/delete"));
        assertThat(b.requests()).noneMatch(r -> r.path().equals("/api/delete"));
    }
}
