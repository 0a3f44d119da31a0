package dev.ollamamax.ui.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.Listener;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.ui.app.DesktopConfig;
import dev.ollamamax.ui.common.DesktopGateways;
import dev.ollamamax.ui.common.GatewayManager;
import dev.ollamamax.ui.common.PortHolder;
import dev.ollamamax.ui.common.SameThreadUiExecutor;
import dev.ollamamax.ui.common.StackMonitor;
import dev.ollamamax.ui.supervision.ServiceRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsViewModelTest {

    @TempDir
    Path dir;

    PortHolder holder;
    GatewayManager gateway;
    PortsViewModel model;
    DesktopConfig config;
    final List<Config> changed = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        holder = PortHolder.start();
        Files.writeString(dir.resolve(".env"), "# the app's ports\nFALLBACK_PORT=" + holder.port() + "  # fallback\n");
        Map<String, String> cli = new java.util.HashMap<>(DesktopGateways.shared());
        cli.putAll(Map.of("PORT", "0", "WS_PORT", "0", "OLLAMAMAX_HOME", dir.resolve("home").toString()));
        config = DesktopConfig.load(dir, Map.of(), cli);
        gateway = new GatewayManager(config.config(), new ServiceRegistry());
        assertThat(gateway.start()).singleElement().asString().contains(String.valueOf(holder.port()));
        PortMoves moves = new PortMoves(gateway, config.store(), config.loader(), changed::add);
        model = new PortsViewModel(StackMonitor.standard(gateway), moves, new SameThreadUiExecutor(),
                ProcessHandle.current().pid(), System.getProperty("user.name"));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        holder.close();
    }

    ConflictItem conflict() {
        return model.conflicts().stream().filter(c -> c.conflict().port() == holder.port()).findFirst().orElseThrow();
    }

    @Test
    void showsThePortHeldByAnotherProcessWithAFixPreviewedBeforeItIsApplied() throws Exception {
        model.refresh();

        ConflictItem item = conflict();
        assertThat(item.conflict().kind()).isEqualTo(Conflict.Kind.FOREIGN_HOLDER);
        assertThat(item.conflict().holder()).get().extracting(h -> h.pid()).isEqualTo(holder.pid());
        assertThat(item.canMove()).isTrue();
        assertThat(item.canStopHolder()).isTrue();
        assertThat(item.movePreview()).startsWith("FALLBACK_PORT: " + holder.port() + " → ")
                .contains("in " + dir.resolve(".env")).endsWith("then the gateway restarts on the new port");
        assertThat(Files.readString(dir.resolve(".env"))).contains("FALLBACK_PORT=" + holder.port());
        assertThat(model.tiles()).anySatisfy(t -> {
            assertThat(t.port()).isEqualTo(holder.port());
            assertThat(t.kind()).isEqualTo(PortTile.Kind.CONFLICT);
            assertThat(t.services()).containsExactly("Fallback endpoint");
        });
    }

    @Test
    void aRescanThatFindsTheSameConflictLeavesTheListAlone() {
        model.refresh();
        ConflictItem first = conflict();
        List<PortTile> tiles = List.copyOf(model.tiles());

        model.refresh();

        assertThat(conflict()).as("%s%nvs%n%s", first, conflict()).isSameAs(first);
        assertThat(model.tiles()).containsExactlyElementsOf(tiles);
    }

    @Test
    void movingRewritesTheDotEnvKeepingItsCommentsAndRestartsTheListenerOnTheFreePort() throws Exception {
        model.refresh();
        int target = conflict().steps().getFirst().move().port();

        model.applyMove(conflict());

        assertThat(Files.readString(dir.resolve(".env")))
                .isEqualTo("# the app's ports\nFALLBACK_PORT=" + target + "  # fallback\n");
        assertThat(dir.resolve(".env.bak")).exists();
        assertThat(gateway.gateway().orElseThrow().port(Listener.FALLBACK)).contains(target);
        assertThat(DesktopGateways.health(target)).isEqualTo(200);
        assertThat(changed).singleElement().satisfies(c -> assertThat(c.getPort(Setting.FALLBACK_PORT)).isEqualTo(target));
        assertThat(model.conflicts()).noneMatch(c -> c.conflict().port() == holder.port());
        assertThat(model.messageProperty().get()).contains("Fallback endpoint moved to " + target).contains("Gateway restarted.");
    }

    @Test
    void stopsTheHolderWhenItIsTheUsersOwnProcess() throws Exception {
        model.refresh();

        model.stopHolder(conflict());

        assertThat(holder.isAlive()).isFalse();
        assertThat(model.messageProperty().get()).startsWith("Stopped PID " + holder.pid());
    }

    @Test
    void neverOffersToStopAnotherUsersProcessOrItself() {
        PortsViewModel other = new PortsViewModel(StackMonitor.standard(gateway), null, new SameThreadUiExecutor(),
                ProcessHandle.current().pid(), "someone-else");
        var stranger = new dev.ollamamax.shared.ports.sockets.Holder(holder.pid(), "java PortHolder", "root");
        var self = new dev.ollamamax.shared.ports.sockets.Holder(ProcessHandle.current().pid(), "java", "someone-else");

        assertThat(other.whyNotStop(stranger)).contains("it belongs to user root, not to you (someone-else)");
        assertThat(other.whyNotStop(self)).contains("it is OllamaMax itself");
    }

    @Test
    void theAdoptHookGetsTheRunningOllamasUrl() {
        List<String> adopted = new ArrayList<>();
        model.setAdoptHandler(adopted::add);
        var conflict = new Conflict(Conflict.Kind.OLLAMA_ALREADY_RUNNING, 11434, List.of(), java.util.Optional.empty(), "m");
        var fix = new dev.ollamamax.shared.ports.conflicts.PortFix(conflict, List.of(), java.util.Optional.of("http://127.0.0.1:11434"), "s");

        model.adopt(new ConflictItem(conflict, fix, List.of(), java.util.Optional.empty(), true));

        assertThat(adopted).containsExactly("http://127.0.0.1:11434");
        assertThat(model.messageProperty().get()).isEqualTo("Adopted http://127.0.0.1:11434 as an Ollama node.");
    }
}
