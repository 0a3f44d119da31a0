package dev.ollamamax.ui.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.testing.FakeModel;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model memory panel's model: a node's loaded models, Preload, Keep loaded and Unload, against a real gateway and node. */
class ModelMemoryTest {

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void showsALoadedModelAndKeepsPreloadsAndUnloadsModelsOnTheSelectedNode() {
        FakeOllama a = FakeOllama.start().model(FakeModel.of("llama3.2").withSize(2_000_000_000L)).model("qwen3").loaded("llama3.2");
        open.add(a);
        GatewayManager gateway = DesktopGateways.manager(dir.resolve("home"), Map.of(), a);
        open.add(gateway);
        GatewayApi api = new GatewayApi(gateway);
        open.add(api);
        ModelsViewModel models = new ModelsViewModel(gateway, api, new SameThreadUiExecutor());
        ModelMemory memory = models.memory();

        models.select(Optional.of("127.0.0.1:" + a.port()));
        assertThat(memory.loaded()).extracting(LoadedModel::name).containsExactly("llama3.2:latest");
        LoadedModel llama = memory.loaded().getFirst();
        assertThat(llama.sizeVram()).isEqualTo(2_000_000_000L);
        assertThat(llama.ramBytes()).isZero();
        assertThat(llama.contextLength()).isEqualTo(4096);
        assertThat(llama.untilUnload(Instant.now())).startsWith("unloads in 4 min");
        assertThat(memory.totalsProperty().get()).isEqualTo("1 model loaded · 2.00 GB in VRAM · 0 B in RAM");

        memory.keepLoaded("llama3.2:latest");
        assertThat(memory.loaded().getFirst().untilUnload(Instant.now())).isEqualTo("kept loaded");
        assertThat(lastGenerate(a).path("keep_alive").asInt()).isEqualTo(-1);

        memory.preload("qwen3:latest");
        assertThat(memory.loaded()).extracting(LoadedModel::name).containsExactlyInAnyOrder("llama3.2:latest", "qwen3:latest");
        assertThat(lastGenerate(a).has("keep_alive")).isFalse();

        memory.unload("llama3.2:latest");
        assertThat(memory.loaded()).extracting(LoadedModel::name).containsExactly("qwen3:latest");
        assertThat(memory.messageProperty().get()).isEmpty();

        memory.unload("no-such-model");
        assertThat(memory.messageProperty().get()).startsWith("Unloading no-such-model failed:");
    }

    static com.fasterxml.jackson.databind.JsonNode lastGenerate(FakeOllama node) {
        return node.requests().stream().filter(r -> r.path().equals("/api/generate")).reduce((x, y) -> y).orElseThrow().json();
    }

    @Test
    void whatTheNodeReportsIsReadAsPeopleReadIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Instant now = Instant.parse("2026-12-05T08:00:00Z");
        LoadedModel partly = LoadedModel.of(json.readTree("{\"name\":\"big:70b\",\"size\":40000000000,\"size_vram\":24000000000,"
                + "\"context_length\":8192,\"expires_at\":\"2026-12-05T09:30:00Z\"}"));
        assertThat(partly.ramBytes()).isEqualTo(16_000_000_000L);
        assertThat(partly.untilUnload(now)).isEqualTo("unloads in 1 h 30 min");
        assertThat(partly.untilUnload(now.plus(Duration.ofMinutes(89)).plusSeconds(15))).isEqualTo("unloads in 45 s");
        assertThat(partly.untilUnload(now.plus(Duration.ofHours(2)))).isEqualTo("unloading");
        LoadedModel kept = LoadedModel.of(json.readTree("{\"name\":\"m\",\"size\":1,\"size_vram\":1,\"expires_at\":\"2318-07-26T08:00:00Z\"}"));
        assertThat(kept.keptLoaded(now)).isTrue();
        assertThat(LoadedModel.of(json.readTree("{\"name\":\"m\"}")).untilUnload(now)).isEqualTo("–");
        assertThat(ModelMemory.totals(List.of(partly, kept))).isEqualTo("2 models loaded · 24.0 GB in VRAM · 16.0 GB in RAM");
    }
}
