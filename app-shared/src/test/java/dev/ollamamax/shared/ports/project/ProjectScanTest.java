package dev.ollamamax.shared.ports.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortPlan;
import dev.ollamamax.shared.ports.ServiceId;
import dev.ollamamax.shared.ports.StackScan;
import dev.ollamamax.shared.ports.StackScanner;
import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import dev.ollamamax.shared.ports.conflicts.PortFixes;
import dev.ollamamax.shared.ports.probe.HealthProber;
import dev.ollamamax.shared.ports.sockets.SocketTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's port history: 13000 used by two Node servers and Grafana, 11434 by the Go backend and Ollama. */
class ProjectScanTest {

    @TempDir
    Path project;

    private void seedLikeProject() throws Exception {
        Files.writeString(project.resolve(".env"), """
                # Server Ports - Primary API Gateway
                PORT=13000
                API_PORT=13000
                GO_API_PORT=11434
                # Ollama Configuration - Use Go backend as primary
                ENABLE_OLLAMA_DISCOVERY=true
                OLLAMA_NODES=http://localhost:11434
                """);
        Files.createDirectories(project.resolve("api-server"));
        Files.writeString(project.resolve("api-server/.env"), "PORT=13000\n");
        Files.writeString(project.resolve(".env.example"), "PORT=9999\n");
        Files.writeString(project.resolve(".env.bak"), "PORT=9998\n");
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "3.8"
                services:
                  ollamamax-api:
                    build: .
                    ports:
                      - "13100:13100" # API server
                      - "3000:3000" # Web interface
                  ollama:
                    image: ollama/ollama:latest
                    ports:
                      - "11434:11434" # Ollama engine
                  grafana:
                    image: grafana/grafana
                    ports:
                      - "${GRAFANA_HOST_PORT:-13000}:3000" # custom compose, before the move to 3001
                volumes:
                  ollama: {}
                """);
    }

    @Test
    void readsEnvFilesOfTheFolderAndItsSubfoldersAndTheComposeMappings() throws Exception {
        seedLikeProject();

        ProjectPorts found = ProjectScan.read(project);

        Path root = project.toRealPath();
        assertThat(found.ports()).extracting(p -> root.relativize(p.file()).toString(), ProjectPort::key,
                ProjectPort::port, ProjectPort::role).containsExactly(
                tuple(".env", "PORT", 13000, Optional.of(ServiceId.GATEWAY)),
                tuple(".env", "API_PORT", 13000, Optional.of(ServiceId.GATEWAY)),
                tuple(".env", "GO_API_PORT", 11434, Optional.of(ServiceId.BACKEND_API)),
                tuple("docker-compose.yml", "services.ollamamax-api.ports", 13100, Optional.empty()),
                tuple("docker-compose.yml", "services.ollamamax-api.ports", 3000, Optional.empty()),
                tuple("docker-compose.yml", "services.ollama.ports", 11434, Optional.of(ServiceId.OLLAMA)),
                tuple("docker-compose.yml", "services.grafana.ports", 13000, Optional.of(ServiceId.GRAFANA)),
                tuple("api-server/.env", "PORT", 13000, Optional.of(ServiceId.GATEWAY)));
        assertThat(found.warnings()).isEmpty();
    }

    @Test
    void showsTheSeedsConflictsAcrossTheWholeStack() throws Exception {
        seedLikeProject();
        PortPlan plan = PortPlan.from(Config.defaults());

        List<PlannedService> extra = ProjectScan.read(project).beyond(plan);
        StackScan scan = new StackScanner(SocketTable.system(), HealthProber.standard(), ProcessHandle.current().pid())
                .scan(plan.withExtra(extra));

        List<Conflict> shared = scan.conflicts().stream().filter(c -> c.kind() == Conflict.Kind.SHARED_PORT).toList();
        assertThat(shared).extracting(Conflict::port).containsExactlyInAnyOrder(13100, 11434, 13000);
        Conflict ollama = shared.stream().filter(c -> c.port() == 11434).findFirst().orElseThrow();
        assertThat(ollama.message()).isEqualTo("Port 11434 is configured for both Ollama engine (OLLAMA_PORT) and "
                + "Backend API (GO_API_PORT in " + project.toRealPath().resolve(".env") + ")");
        Conflict nodeServers = shared.stream().filter(c -> c.port() == 13000).findFirst().orElseThrow();
        assertThat(nodeServers.services()).extracting(s -> s.origin().key())
                .containsExactly("PORT", "services.grafana.ports", "PORT");
        assertThat(nodeServers.message()).startsWith("Port 13000 is configured for API gateway (PORT in ")
                .contains(", grafana (services.grafana.ports in ").contains(" and API gateway (PORT in ");

        PortFix fix = PortFixes.suggest(scan).stream().filter(f -> f.conflict() == ollama).findFirst().orElseThrow();
        assertThat(fix.moves()).singleElement().satisfies(m -> {
            assertThat(m.service().id()).isEqualTo(ServiceId.BACKEND_API);
            assertThat(m.assignment()).startsWith("GO_API_PORT=").endsWith(" in " + project.toRealPath().resolve(".env"));
        });
    }

    @Test
    void aProjectThatAgreesWithThePlanAddsNothing() throws Exception {
        Files.writeString(project.resolve(".env"), "PORT=13100\nOLLAMA_PORT=11434\n");
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  ollama:
                    image: ollama/ollama
                    ports: ["11434:11434"]
                """);

        assertThat(ProjectScan.read(project).beyond(PortPlan.from(Config.defaults()))).isEmpty();
    }

    @Test
    void aValueThatIsNotAPortIsReportedNotGuessed() throws Exception {
        Files.writeString(project.resolve(".env"), "PORT=abc\nSOME_PORT=${OTHER}\nOLLAMA_HOST=0.0.0.0:11500\n");

        ProjectPorts found = ProjectScan.read(project);

        assertThat(found.ports()).extracting(ProjectPort::key, ProjectPort::port, ProjectPort::role)
                .containsExactly(tuple("OLLAMA_HOST", 11500, Optional.of(ServiceId.OLLAMA)));
        assertThat(found.warnings()).containsExactly("PORT in " + project.toRealPath().resolve(".env")
                + " is \"abc\", not a port");
    }

    @Test
    void aMissingFolderIsAClearError() {
        Path missing = project.resolve("nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectScan.read(missing))
                .isInstanceOf(java.nio.file.NotDirectoryException.class).hasMessageContaining("nope");
    }
}
