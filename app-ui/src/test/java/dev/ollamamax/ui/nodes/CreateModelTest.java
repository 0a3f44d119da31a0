package dev.ollamamax.ui.nodes;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.RecordedRequest;
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

/** "Create from Modelfile": {@code /api/create} through the gateway on the selected node, against real in-test nodes. */
class CreateModelTest {

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

    static JsonNode body(FakeOllama f, String path) throws Exception {
        RecordedRequest r = f.requests().stream().filter(q -> q.path().equals(path)).findFirst().orElseThrow();
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void createsOnTheSelectedNodeWithStepsAndTheModelIsListedWhenDone() throws Exception {
        FakeOllama a = fake().model("llama3.2");
        FakeOllama b = fake().model("llama3.2");
        start(a, b);
        model.select(Optional.of(id(b)));

        PullJob job = model.create(new NewModel("mario", "llama3.2:latest", "You are Mario.", "8192", "0.3",
                "PARAMETER stop \"<|end|>\"")).orElseThrow();

        assertThat(job.kind()).isEqualTo(PullJob.Kind.CREATE);
        assertThat(job.state()).isEqualTo(PullJob.State.DONE);
        assertThat(job.status()).isEqualTo("success");
        assertThat(job.steps()).containsExactly("reading model metadata", "creating system layer", "writing manifest", "success");
        JsonNode sent = body(b, "/api/create");
        assertThat(sent.path("model").asText()).isEqualTo("mario");
        assertThat(sent.path("from").asText()).isEqualTo("llama3.2:latest");
        assertThat(sent.path("system").asText()).isEqualTo("You are Mario.");
        assertThat(sent.path("parameters").path("num_ctx").isIntegralNumber()).isTrue();
        assertThat(sent.path("parameters").path("num_ctx").asLong()).isEqualTo(8192);
        assertThat(sent.path("parameters").path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("parameters").path("stop").get(0).asText()).isEqualTo("<|end|>");
        assertThat(sent.has("node")).isFalse();
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/create"));
        assertThat(model.models()).extracting(ModelRow::name).contains("mario:latest");
    }

    @Test
    void aBaseModelTheNodeDoesNotHaveFailsWithOllamasMessage() {
        FakeOllama a = fake().model("llama3.2");
        start(a);
        model.select(Optional.of(id(a)));

        PullJob job = model.create(new NewModel("mine", "gone:latest", "", "", "", "")).orElseThrow();

        assertThat(job.state()).isEqualTo(PullJob.State.FAILED);
        assertThat(job.status()).isEqualTo("Node " + id(a) + ": model \"gone:latest\" not found");
        assertThat(model.models()).extracting(ModelRow::name).containsExactly("llama3.2:latest");
    }

    @Test
    void aFormThatCannotBeSentIsRefusedBeforeAnyRequest() {
        FakeOllama a = fake().model("llama3.2");
        start(a);
        model.select(Optional.of(id(a)));

        assertThat(model.create(new NewModel("bad name", "llama3.2:latest", "", "", "", ""))).isEmpty();

        assertThat(model.messageProperty().get()).startsWith("Letters, digits");
        assertThat(model.pulls()).isEmpty();
        assertThat(a.requests()).noneMatch(r -> r.path().equals("/api/create"));
    }

    @Test
    void cancellingACreateClosesItsStreamAndTheModelIsNotListed() throws Exception {
        FakeOllama a = fake().model("llama3.2").tokenDelay(Duration.ofMillis(400));
        start(a);
        model.select(Optional.of(id(a)));
        Thread creator = Thread.ofVirtual().start(() -> model.create(
                new NewModel("slow", "llama3.2:latest", "be slow", "", "", "")));
        await(Duration.ofSeconds(20), () -> { }, () -> !model.pulls().isEmpty() && !model.pulls().getFirst().steps().isEmpty(),
                "the first step");

        model.pulls().getFirst().cancel();
        creator.join(Duration.ofSeconds(10));

        assertThat(model.pulls().getFirst().state()).isEqualTo(PullJob.State.CANCELLED);
        assertThat(model.models()).extracting(ModelRow::name).doesNotContain("slow:latest");
    }
}
