package dev.ollamamax.shared.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReaderTest {

    static final Path BASE = Path.of("/projects/shop");

    static StackFile parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static StackFile parse(String yaml, Map<String, String> values) {
        return StackReader.parse(yaml, "stack.yaml", BASE, values);
    }

    @Test
    void readsEveryFieldOfAProcess() {
        StackFile stack = parse("""
                version: "0.5"
                processes:
                  db:
                    command: postgres -D data
                    readiness_probe:
                      tcp_socket: {port: 5432}
                  api:
                    command: ./run-api --port ${API_PORT:-8080}
                    working_dir: backend
                    environment:
                      - DB_URL=postgres://localhost:5432/shop
                      - MODE=dev
                    depends_on:
                      db:
                        condition: process_healthy
                    readiness_probe:
                      http_get: {host: localhost, port: 8080, path: health, scheme: http}
                      initial_delay_seconds: 2
                      period_seconds: 5
                      timeout_seconds: 3
                      failure_threshold: 4
                      success_threshold: 2
                    liveness_probe:
                      exec:
                        command: curl -fs localhost:8080/health
                    availability:
                      restart: on_failure
                      backoff_seconds: 3
                      max_restarts: 5
                    ports: [8080, 8081]
                  docs:
                    command: mkdocs serve
                    disabled: true
                """);

        ProcessSpec api = stack.process("api").orElseThrow();
        assertThat(api.command()).isEqualTo("./run-api --port 8080");
        assertThat(api.workingDir()).isEqualTo(BASE.resolve("backend"));
        assertThat(api.environment()).containsExactly(Map.entry("DB_URL", "postgres://localhost:5432/shop"),
                Map.entry("MODE", "dev"));
        assertThat(api.dependsOn()).containsExactly(Map.entry("db", Condition.PROCESS_HEALTHY));
        Probe ready = api.readiness().orElseThrow();
        assertThat(ready.check()).isEqualTo(new Probe.HttpGet("http", "localhost", 8080, "/health"));
        assertThat(ready.initialDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ready.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ready.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ready.failureThreshold()).isEqualTo(4);
        assertThat(ready.successThreshold()).isEqualTo(2);
        assertThat(api.liveness().orElseThrow().check()).isEqualTo(new Probe.Exec("curl -fs localhost:8080/health"));
        assertThat(api.availability()).isEqualTo(new Availability(Availability.Restart.ON_FAILURE,
                Duration.ofSeconds(3), 5));
        assertThat(api.ports()).containsExactly(8080, 8081);
        assertThat(api.disabled()).isFalse();
        assertThat(api.line()).isEqualTo(7);

        ProcessSpec db = stack.process("db").orElseThrow();
        assertThat(db.readiness().orElseThrow().check()).isEqualTo(new Probe.Tcp("127.0.0.1", 5432));
        assertThat(db.workingDir()).isEqualTo(BASE);
        assertThat(db.availability()).isEqualTo(Availability.DEFAULT);
        assertThat(stack.process("docs").orElseThrow().disabled()).isTrue();
        assertThat(stack.enabled()).extracting(ProcessSpec::name).containsExactly("db", "api");
    }

    @Test
    void probeDefaultsAreProcessComposes() {
        Probe p = parse("""
                processes:
                  web:
                    command: serve
                    readiness_probe:
                      tcp: {port: 3000}
                """).process("web").orElseThrow().readiness().orElseThrow();

        assertThat(p).isEqualTo(new Probe(new Probe.Tcp("127.0.0.1", 3000), Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(1), 3, 1));
    }

    @Test
    void environmentAsMappingAndSharedEnvironmentWithVariablesFromDotEnv() {
        StackFile stack = parse("""
                environment:
                  SHARED: "1"
                  MODE: base
                processes:
                  web:
                    command: npm run dev -- --port $WEB_PORT
                    environment:
                      MODE: ${MODE_FROM_ENV}
                      EMPTY:
                """, Map.of("WEB_PORT", "5173", "MODE_FROM_ENV", "dev"));

        ProcessSpec web = stack.process("web").orElseThrow();
        assertThat(web.command()).isEqualTo("npm run dev -- --port 5173");
        assertThat(web.environment()).containsExactly(Map.entry("SHARED", "1"), Map.entry("MODE", "dev"),
                Map.entry("EMPTY", ""));
    }

    @Test
    void doubleDollarReachesTheShellAsOneDollar() {
        assertThat(parse("""
                processes:
                  loop:
                    command: for i in 1 2; do echo $$i; done
                """).process("loop").orElseThrow().command()).isEqualTo("for i in 1 2; do echo $i; done");
    }

    @Test
    void dependencyWithoutConditionMeansStarted() {
        StackFile stack = parse("""
                processes:
                  a:
                    command: a
                    depends_on:
                      b:
                      c: {}
                  b: {command: b}
                  c: {command: c}
                """);
        assertThat(stack.process("a").orElseThrow().dependsOn()).containsExactly(
                Map.entry("b", Condition.PROCESS_STARTED), Map.entry("c", Condition.PROCESS_STARTED));
    }

    @Test
    void processesComeInDependencyOrderOtherwiseFileOrder() {
        StackFile stack = parse("""
                processes:
                  web:
                    command: web
                    depends_on: {api: {condition: process_healthy}}
                  api:
                    command: api
                    depends_on:
                      db: {condition: process_started}
                      migrate: {condition: process_completed_successfully}
                  tools: {command: tools}
                  migrate:
                    command: migrate
                    depends_on: {db: {condition: process_healthy}}
                  db: {command: db}
                """);

        assertThat(stack.processes()).extracting(ProcessSpec::name)
                .containsExactly("db", "migrate", "api", "web", "tools");
    }

    @Test
    void anAnchorAndMergeKeyShareSettings() {
        StackFile stack = parse("""
                x-restart: &restart
                  restart: always
                  backoff_seconds: 2
                processes:
                  a:
                    command: a
                    availability:
                      <<: *restart
                      max_restarts: 3
                """.replace("x-restart: &restart", "version: &restart"));
        // version is ignored, but its anchor is usable
        assertThat(stack.process("a").orElseThrow().availability())
                .isEqualTo(new Availability(Availability.Restart.ALWAYS, Duration.ofSeconds(2), 3));
    }

    @Test
    void readsTheFileWithTheDotEnvBesideIt(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve(".env"), "OMX_TEST_STACK_PORT=4321\n");
        Path file = project.resolve(StackFile.FILE_NAME);
        Files.writeString(file, """
                processes:
                  web:
                    command: serve --port ${OMX_TEST_STACK_PORT}
                    working_dir: site
                """);

        StackFile stack = StackReader.read(file);

        assertThat(stack.source()).isEqualTo(file);
        assertThat(stack.process("web").orElseThrow().command()).isEqualTo("serve --port 4321");
        assertThat(stack.process("web").orElseThrow().workingDir()).isEqualTo(project.toAbsolutePath().resolve("site"));
    }
}
