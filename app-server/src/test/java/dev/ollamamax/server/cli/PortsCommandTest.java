package dev.ollamamax.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.shared.config.Setting;
import dev.ollamamax.shared.ports.probe.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PortsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
    }

    /** {@code -D SETTING=port} for every port setting, each on its own port that is free now. */
    private static List<String> everyPortFree(Set<Integer> used) {
        List<String> args = new ArrayList<>();
        int from = 23000;
        for (Setting s : List.of(Setting.PORT, Setting.WS_PORT, Setting.FALLBACK_PORT, Setting.BACKEND_API_PORT,
                Setting.BACKEND_WEB_PORT, Setting.OLLAMA_PORT, Setting.POSTGRES_PORT, Setting.REDIS_PORT,
                Setting.GRAFANA_PORT, Setting.PROMETHEUS_PORT)) {
            int port = FreePorts.nextFree("127.0.0.1", from, used);
            used.add(port);
            args.addAll(List.of("-D", s.envName() + "=" + port));
            from = port + 1;
        }
        return args;
    }

    @Test
    void printsJsonWithTheSharedPortAndItsFixAndExitsOne() throws Exception {
        Set<Integer> used = new HashSet<>();
        List<String> args = new ArrayList<>(List.of("ports", "--json"));
        args.addAll(everyPortFree(used));
        int shared = FreePorts.nextFree("127.0.0.1", 24000, used);
        args.addAll(List.of("-D", "GO_API_PORT=" + shared, "-D", "OLLAMA_PORT=" + shared));

        int code = run(args);

        assertThat(code).as(err.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("services")).hasSize(10);
        JsonNode backend = StreamSupport.stream(json.get("services").spliterator(), false)
                .filter(s -> s.get("id").asText().equals("BACKEND_API")).findFirst().orElseThrow();
        assertThat(backend.get("port").asInt()).isEqualTo(shared);
        assertThat(backend.get("configuredBy").get("key").asText()).isEqualTo("BACKEND_API_PORT");
        assertThat(backend.get("configuredBy").get("source").asText()).isEqualTo("command line");
        assertThat(backend.get("state").asText()).isEqualTo("CONFLICT");
        assertThat(json.get("conflicts")).hasSize(1);
        JsonNode conflict = json.get("conflicts").get(0);
        assertThat(conflict.get("kind").asText()).isEqualTo("SHARED_PORT");
        assertThat(conflict.get("port").asInt()).isEqualTo(shared);
        assertThat(conflict.get("message").asText()).isEqualTo("Port " + shared
                + " is configured for both Backend API (BACKEND_API_PORT from command line) and Ollama engine"
                + " (OLLAMA_PORT from command line)");
        JsonNode move = conflict.get("fix").get("moves").get(0);
        assertThat(move.get("key").asText()).isEqualTo("OLLAMA_PORT");
        assertThat(move.get("to").asInt()).isGreaterThan(shared);
        assertThat(move.get("assignment").asText()).isEqualTo("OLLAMA_PORT=" + move.get("to").asInt());
    }

    @Test
    void saysThereAreNoConflictsAndExitsZeroWhenEveryPortIsFree() {
        List<String> args = new ArrayList<>(List.of("ports"));
        args.addAll(everyPortFree(new HashSet<>()));

        int code = run(args);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("SERVICE", "CONFIGURED BY", "HOLDER", "API gateway", "PORT (command line)",
                "DOWN", "No port conflicts.");
    }

    @Test
    void addsThePortsOfAProjectFolder(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve(".env"), "PORT=13000\n");
        Files.createDirectories(project.resolve("api-server"));
        Files.writeString(project.resolve("api-server/.env"), "PORT=13000\n");
        List<String> args = new ArrayList<>(List.of("ports", "--json", "--project", project.toString()));
        args.addAll(everyPortFree(new HashSet<>()));

        int code = run(args);

        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("services")).hasSize(12);
        assertThat(json.get("project").get("portsRead").asInt()).isEqualTo(2);
        JsonNode conflict = json.get("conflicts").get(0);
        assertThat(conflict.get("port").asInt()).isEqualTo(13000);
        assertThat(conflict.get("fix").get("moves").get(0).get("file").asText())
                .isEqualTo(project.toRealPath().resolve("api-server/.env").toString());
    }

    @Test
    void aMissingProjectFolderIsAClearErrorWithExitCodeTwo(@TempDir Path dir) {
        int code = run(List.of("ports", "--project", dir.resolve("missing").toString()));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("Cannot read the project folder").doesNotContain("Exception");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        run(List.of("ports", "--help"));

        assertThat(out.toString()).contains("--json", "--project=<folder>", "Exit codes:", "no conflicts",
                "at least one conflict");
    }
}
