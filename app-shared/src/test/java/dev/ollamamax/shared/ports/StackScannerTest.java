package dev.ollamamax.shared.ports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.conflicts.PortFixes;
import dev.ollamamax.shared.ports.probe.FreePorts;
import dev.ollamamax.shared.ports.probe.HealthProber;
import dev.ollamamax.shared.ports.sockets.ChildListener;
import dev.ollamamax.shared.ports.sockets.Holder;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class StackScannerTest {

    private final long ownPid = ProcessHandle.current().pid();
    /** A generous probe timeout: states here must not depend on how fast a loaded machine answers. */
    private final StackScanner scanner = new StackScanner(SocketTable.system(), HealthProber.standard(), ownPid,
            Duration.ofSeconds(5));

    @Test
    void reportsSharedPortForTwoSettingsOnOnePort(@TempDir Path dir) {
        int port = FreePorts.nextFree("127.0.0.1", 20000);
        Path env = dir.resolve(".env");
        Config config = Config.builder()
                .dotEnv(env, Map.of("GO_API_PORT", Integer.toString(port), "OLLAMA_PORT", Integer.toString(port)))
                .build();

        StackScan scan = scanner.scan(PortPlan.from(config));

        List<Conflict> onPort = scan.conflicts().stream().filter(c -> c.port() == port).toList();
        assertThat(onPort).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.SHARED_PORT);
            assertThat(c.services()).extracting(PlannedService::id).containsExactly(ServiceId.BACKEND_API, ServiceId.OLLAMA);
            assertThat(c.message()).isEqualTo("Port " + port + " is configured for both Backend API (BACKEND_API_PORT in "
                    + env + ") and Ollama engine (OLLAMA_PORT in " + env + ")");
        });
        assertThat(scan.services()).filteredOn(s -> s.service().port() == port)
                .extracting(ServiceStatus::state).containsOnly(ServiceState.CONFLICT);
    }

    @Test
    void anEmbeddedPortServedByThisProcessIsUpWithThisProcessAsHolder() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health/ready", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            StackScan scan = scanner.scan(plan(new PlannedService(ServiceId.GATEWAY, "API gateway", "127.0.0.1", port,
                    ServiceKind.EMBEDDED)));

            assertThat(scan.conflicts()).isEmpty();
            ServiceStatus status = scan.services().getFirst();
            assertThat(status.state()).isEqualTo(ServiceState.UP);
            assertThat(status.latency()).isPresent();
            assertThat(status.holder().map(Holder::pid)).contains(ownPid);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceNobodyListensForIsDown() {
        int port = FreePorts.nextFree("127.0.0.1", 21000);
        StackScan scan = scanner.scan(plan(new PlannedService(ServiceId.REDIS, "Redis", "127.0.0.1", port,
                ServiceKind.MANAGED)));

        assertThat(scan.conflicts()).isEmpty();
        assertThat(scan.services().getFirst().state()).isEqualTo(ServiceState.DOWN);
        assertThat(scan.services().getFirst().detail()).isEqualTo("nothing listens on 127.0.0.1:" + port);
        assertThat(scan.services().getFirst().holder()).isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void reportsForeignHolderForAnEmbeddedPortHeldByAnotherProcess() throws Exception {
        try (ChildListener child = ChildListener.start(ChildListener.javaExecutable())) {
            StackScan scan = scanner.scan(plan(new PlannedService(ServiceId.GATEWAY, "API gateway", "127.0.0.1",
                    child.port(), ServiceKind.EMBEDDED)));

            Conflict c = scan.conflicts().stream().filter(x -> x.port() == child.port()).findFirst().orElseThrow();
            assertThat(c.kind()).isEqualTo(Conflict.Kind.FOREIGN_HOLDER);
            assertThat(c.holder().map(Holder::pid)).contains(child.pid());
            assertThat(c.message()).startsWith("Port " + child.port() + " of API gateway (PORT) is held by PID "
                    + child.pid() + " (").endsWith("which is not the service OllamaMax runs there");
            assertThat(scan.services().getFirst().state()).isEqualTo(ServiceState.CONFLICT);
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anExternalServiceHeldByAnyProcessIsJustUp() throws Exception {
        try (ChildListener child = ChildListener.start(ChildListener.javaExecutable())) {
            StackScan scan = scanner.scan(plan(new PlannedService(ServiceId.GRAFANA, "Grafana", "127.0.0.1",
                    child.port(), ServiceKind.EXTERNAL)));

            assertThat(scan.conflicts()).isEmpty();
            assertThat(scan.services().getFirst().state()).isEqualTo(ServiceState.UP);
            assertThat(scan.services().getFirst().holder().map(Holder::pid)).contains(child.pid());
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void recognisesOllamaAlreadyRunningOnAPortOllamaMaxWouldStartItOn(@TempDir Path dir) throws Exception {
        Path ollama = Files.createSymbolicLink(dir.resolve("ollama"), ChildListener.javaExecutable());
        try (ChildListener child = ChildListener.startDetached(ollama)) {
            PlannedService managed = new PlannedService(ServiceId.OLLAMA, "Ollama engine", "127.0.0.1", child.port(),
                    ServiceKind.MANAGED);

            StackScan scan = scanner.scan(plan(managed));

            Conflict c = scan.conflicts().stream().filter(x -> x.port() == child.port()).findFirst().orElseThrow();
            assertThat(c.kind()).isEqualTo(Conflict.Kind.OLLAMA_ALREADY_RUNNING);
            assertThat(c.holder().map(Holder::program)).contains("ollama");
            assertThat(c.message()).startsWith("Ollama is already running on port " + child.port() + " as PID " + child.pid())
                    .contains("where Ollama engine (OLLAMA_PORT) is configured: use it as an Ollama node");
            PortFix fix = PortFixes.suggest(scan).getFirst();
            assertThat(fix.adoptAsNode()).contains("http://127.0.0.1:" + child.port());
            assertThat(fix.moves()).isEmpty();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anExternalOllamaHeldByOllamaIsUpButAnotherServiceOnItsPortIsTold(@TempDir Path dir) throws Exception {
        Path ollama = Files.createSymbolicLink(dir.resolve("ollama"), ChildListener.javaExecutable());
        try (ChildListener child = ChildListener.startDetached(ollama)) {
            PlannedService external = new PlannedService(ServiceId.OLLAMA, "Ollama engine", "127.0.0.1", child.port(),
                    ServiceKind.EXTERNAL);
            StackScan alone = scanner.scan(plan(external));
            assertThat(alone.conflicts()).isEmpty();
            assertThat(alone.services().getFirst().state()).isEqualTo(ServiceState.UP);

            PlannedService backend = new PlannedService(ServiceId.BACKEND_API, "Backend API", "127.0.0.1", child.port(),
                    ServiceKind.EXTERNAL);
            StackScan both = scanner.scan(plan(external, backend));
            assertThat(both.conflicts()).extracting(Conflict::kind)
                    .containsExactly(Conflict.Kind.SHARED_PORT, Conflict.Kind.OLLAMA_ALREADY_RUNNING);
            assertThat(both.conflicts().get(1).services()).containsExactly(backend);
            List<PortFix> fixes = PortFixes.suggest(both);
            assertThat(fixes.get(0).moves()).extracting(m -> m.service().id()).containsExactly(ServiceId.BACKEND_API);
            assertThat(fixes.get(1).moves()).extracting(m -> m.service().id()).containsExactly(ServiceId.BACKEND_API);
            assertThat(fixes.get(1).moves().getFirst().port()).as("one service, one suggested port")
                    .isEqualTo(fixes.get(0).moves().getFirst().port());
        }
    }

    private static PortPlan plan(PlannedService... services) {
        return new PortPlan(List.of(services));
    }
}
