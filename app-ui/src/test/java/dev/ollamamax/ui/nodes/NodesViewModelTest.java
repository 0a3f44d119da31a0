package dev.ollamamax.ui.nodes;

import static dev.ollamamax.ui.common.DesktopGateways.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.nodes.NodesFeature;
import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.FakeOllamaBinary;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayApi;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.NodeSummary;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Nodes view-model against a real gateway and real (in-test) Ollama servers, without a toolkit. */
class NodesViewModelTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    GatewayManager gateway;
    GatewayApi api;
    ServiceRegistry services;
    LocalNodes local;
    NodesViewModel model;

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

    void start(Map<Setting, String> extra, FakeOllama... nodes) {
        gateway = DesktopGateways.manager(dir.resolve("home"), extra, nodes);
        open.add(gateway);
        api = new GatewayApi(gateway);
        open.add(api);
        services = new ServiceRegistry();
        local = new LocalNodes(gateway, services, Map.of("PATH", dir.resolve("empty").toString()), gateway::config);
        open.add(local);
        model = new NodesViewModel(gateway, api, local, new SameThreadUiExecutor());
        open.add(model);
    }

    NodeRow row(String id) {
        return model.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static String id(FakeOllama f) {
        return "127.0.0.1:" + f.port();
    }

    @Test
    void rowsShowEachNodeWithStatusVersionModelsLoadedAndLatency() {
        FakeOllama a = fake().model("llama3.2").model("qwen2.5:0.5b").loaded("llama3.2").version("0.12.9");
        start(Map.of(), a);
        model.refresh();

        NodeRow r = row(id(a));
        assertThat(r.health()).isEqualTo(NodeRow.Health.UP);
        assertThat(r.url()).isEqualTo("http://127.0.0.1:" + a.port());
        assertThat(r.version()).isEqualTo("0.12.9");
        assertThat(r.models()).isEqualTo(2);
        assertThat(r.loaded()).isEqualTo("llama3.2:latest");
        assertThat(r.inFlight()).isZero();
        assertThat(r.latencyProperty().get()).endsWith(" ms");
        assertThat(model.summary()).isEqualTo(new NodeSummary(1, 1));
    }

    @Test
    void theDesktopSignsInAsTheLocalAdminMayManageNodesAndKeepsItsKeyFile() throws Exception {
        FakeOllama a = fake().model("llama3.2");
        start(Map.of(Setting.AUTH_ENABLED, "true"), a);
        model.refresh();
        assertThat(model.canManageNodesProperty().get()).isTrue();
        String key = gateway.ensureLocalAdminFile().orElseThrow();
        java.nio.file.Path file = dir.resolve("home").resolve("local-admin.json");
        assertThat(java.nio.file.Files.readString(file)).contains(key);
        assertThat(dev.ollamamax.server.store.SecretFile.isOwnerOnly(file)).isTrue();
    }

    @Test
    void registryEventsUpdateTheRowsWithoutARefresh() {
        FakeOllama a = fake().model("llama3.2");
        start(Map.of(), a);
        model.refresh();
        NodeRow r = row(id(a));

        a.stop();
        DesktopGateways.probe(gateway);

        assertThat(r.health()).isEqualTo(NodeRow.Health.DOWN);
        assertThat(r.errorProperty().get()).isEqualTo("connection refused");
        assertThat(model.summary()).isEqualTo(new NodeSummary(0, 1));
    }

    @Test
    void addingANodeThatDoesNotAnswerGivesTheGatewaysReasonAndAddsNothing() {
        start(Map.of());
        int closed = FreePorts.nextFree("127.0.0.1", 30000);
        List<Optional<String>> results = new ArrayList<>();

        model.add("http://127.0.0.1:" + closed, "", results::add);

        assertThat(results).singleElement().satisfies(r -> assertThat(r).get().asString()
                .contains("did not answer like an Ollama server").contains("connection refused").contains("not added"));
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void aNodeThatAnswersIsAddedWithItsNameAndCanBeDrainedAndRemoved() {
        start(Map.of());
        FakeOllama b = fake().model("mistral");
        List<Optional<String>> results = new ArrayList<>();

        model.add("127.0.0.1:" + b.port(), "gpu-box", results::add);

        assertThat(results).containsExactly(Optional.empty());
        NodeRow r = row(id(b));
        assertThat(r.name()).isEqualTo("gpu-box");
        assertThat(r.health()).isEqualTo(NodeRow.Health.UP);

        model.setDraining(r, true);
        assertThat(r.health()).isEqualTo(NodeRow.Health.DRAINING);
        assertThat(gateway.feature(NodesFeature.class).orElseThrow().registry().candidates("mistral")).isEmpty();
        model.setDraining(r, false);
        assertThat(r.health()).isEqualTo(NodeRow.Health.UP);

        model.remove(r);
        assertThat(model.rows()).isEmpty();
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void adoptingARunningOllamaAddsItAsANode() {
        start(Map.of());
        FakeOllama running = fake().model("llama3.2");

        model.adopt(running.url().toString());

        assertThat(row(id(running)).health()).isEqualTo(NodeRow.Health.UP);
    }

    @Test
    void withoutAnOllamaProgramStartLocalNodeSaysSo() {
        start(Map.of());
        assertThat(model.ollamaInstalled()).isFalse();

        model.startLocalNode();

        assertThat(model.missingBinaryProperty().get()).startsWith("Ollama is not installed here")
                .contains("no ollama program on the PATH").contains("OLLAMA_BINARY");
        assertThat(services.all()).isEmpty();
    }

    @Test
    void startLocalNodeRunsOllamaServeOnAFreePortAsAServiceAndAddsIt() throws Exception {
        Path binary = FakeOllamaBinary.install(dir.resolve("bin"), "--model", "phi3");
        start(Map.of(Setting.OLLAMA_BINARY, binary.toString()));
        assertThat(model.ollamaInstalled()).isTrue();

        model.startLocalNode();

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(local.started()).hasSize(1);
        var service = local.started().getFirst();
        assertThat(services.find(service.id())).isPresent();
        assertThat(service.state()).isEqualTo(ManagedService.State.RUNNING);
        URI url = service.url();
        assertThat(url.getPort()).isGreaterThanOrEqualTo(LocalNodes.FIRST_PORT);
        await(WAIT, model::refresh, () -> model.rows().stream()
                .anyMatch(r -> r.id().equals("127.0.0.1:" + url.getPort()) && r.health() == NodeRow.Health.UP
                        && r.models() == 1), "the local node up with its model");
        assertThat(row("127.0.0.1:" + url.getPort()).name()).isEqualTo("local ollama :" + url.getPort());

        local.close();
        assertThat(service.state()).isEqualTo(ManagedService.State.STOPPED);
    }

    @Test
    void afterAGatewayRestartTheRowsFollowTheNewRegistry() {
        FakeOllama a = fake().model("llama3.2");
        start(Map.of(), a);
        model.refresh();
        assertThat(model.rows()).hasSize(1);

        gateway.restart(gateway.config());
        DesktopGateways.probe(gateway);

        await(WAIT, model::refresh, () -> model.rows().size() == 1 && model.rows().getFirst().health() == NodeRow.Health.UP,
                "the node of the new gateway");
    }
}
