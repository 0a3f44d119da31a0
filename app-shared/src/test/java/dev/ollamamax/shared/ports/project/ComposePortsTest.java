package dev.ollamamax.shared.ports.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ollamamax.shared.ports.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposePortsTest {

    private final List<String> warnings = new ArrayList<>();

    private List<ComposePorts.Mapping> parse(String yaml, Map<String, String> vars) {
        return ComposePorts.parse(yaml, vars, warnings, "compose.yaml");
    }

    @Test
    void readsShortMappingsWithAddressesRangesAndProtocols() {
        List<ComposePorts.Mapping> m = parse("""
                services:
                  web:
                    image: "nginx:1.27"   # front
                    ports:
                    - 8080:80
                    - '127.0.0.1:8443:443/tcp'
                    - "[::1]:9000:9000"
                    - "6000-6002:7000-7002"
                    - "5353:5353/udp"
                    - "3000"
                    - "127.0.0.1::5000"
                    environment:
                      - PORT=8080
                """, Map.of());

        assertThat(m).extracting(ComposePorts.Mapping::service, ComposePorts.Mapping::hostIp,
                ComposePorts.Mapping::hostPort, ComposePorts.Mapping::containerPort).containsExactly(
                tuple("web", "", 8080, 80),
                tuple("web", "127.0.0.1", 8443, 443),
                tuple("web", "::1", 9000, 9000),
                tuple("web", "", 6000, 7000),
                tuple("web", "", 6001, 7001),
                tuple("web", "", 6002, 7002));
        assertThat(m.getFirst().image()).contains("nginx:1.27");
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsTheLongFormFlowListsAndVariables() {
        List<ComposePorts.Mapping> m = parse("""
                name: stack
                x-common: &common
                  ports:
                    - "1:1"
                services:
                  prometheus:
                    ports:
                      - target: 9090
                        published: "${PROM_PORT:-9090}"
                        host_ip: 127.0.0.1
                        protocol: tcp
                      - target: 53
                        published: 53
                        protocol: udp
                      - { target: 9091, published: 19091 }
                    image: prom/prometheus
                  grafana:
                    ports: ["${GRAFANA_PORT}:3000", '13001:3001']
                  redis:
                    image: redis:7
                """, Map.of("GRAFANA_PORT", "3001"));

        assertThat(m).extracting(ComposePorts.Mapping::service, ComposePorts.Mapping::hostPort,
                ComposePorts.Mapping::containerPort).containsExactly(
                tuple("prometheus", 9090, 9090),
                tuple("prometheus", 19091, 9091),
                tuple("grafana", 3001, 3000),
                tuple("grafana", 13001, 3001));
        assertThat(m.getFirst().image()).contains("prom/prometheus");
        assertThat(m.getFirst().hostIp()).isEqualTo("127.0.0.1");
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsTheOldFormatWithServicesAtTheTopLevel() {
        List<ComposePorts.Mapping> m = parse("""
                version: '2'
                ollama:
                  image: ollama/ollama
                  ports:
                    - "11434:11434"
                """, Map.of());

        assertThat(m).extracting(ComposePorts.Mapping::service, ComposePorts.Mapping::hostPort)
                .containsExactly(tuple("ollama", 11434));
        assertThat(ProjectScan.composeRole("my-llm", m.getFirst().image())).contains(ServiceId.OLLAMA);
    }

    @Test
    void anUnsetVariableOrABadMappingIsAWarningNotAGuess() {
        List<ComposePorts.Mapping> m = parse("""
                services:
                  api:
                    ports:
                      - "${API_PORT}:8080"
                      - "99999:80"
                """, Map.of());

        assertThat(m).isEmpty();
        assertThat(warnings).containsExactly(
                "compose.yaml uses ${API_PORT}, which is not set in the folder's .env",
                "compose.yaml, line 5: service api publishes \"99999:80\", which is not a port mapping this reader understands");
    }

    @Test
    void readsAnchorsAliasesAndMergeKeys() {
        List<ComposePorts.Mapping> m = parse("""
                x-base: &base
                  image: ollama/ollama
                  ports: &ollama-ports
                    - "11434:11434"
                services:
                  ollama:
                    <<: *base
                  ollama-gpu:
                    <<: *base
                    ports:
                      - "11435:11434"
                  mirror:
                    image: nginx
                    ports: *ollama-ports
                """, Map.of());

        assertThat(m).extracting(ComposePorts.Mapping::service, ComposePorts.Mapping::image,
                ComposePorts.Mapping::hostPort).containsExactly(
                tuple("ollama", Optional.of("ollama/ollama"), 11434),
                tuple("ollama-gpu", Optional.of("ollama/ollama"), 11435),
                tuple("mirror", Optional.of("nginx"), 11434));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFileThatIsNotYamlIsOneWarningWithItsLine() {
        List<ComposePorts.Mapping> m = parse("""
                services:
                  web:
                    ports: ["8080:80"
                  db:
                """, Map.of());

        assertThat(m).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("compose.yaml, line ");
    }

    @Test
    void portsThatAreNotAListAreNamed() {
        parse("""
                services:
                  web:
                    ports: "8080:80"
                """, Map.of());

        assertThat(warnings).containsExactly("compose.yaml, line 3: ports of service web is a text, not a list");
    }

    @Test
    void recognisesPlanServicesByNameOrImage() {
        assertThat(ProjectScan.composeRole("db", Optional.of("docker.io/library/postgres:16-alpine")))
                .contains(ServiceId.POSTGRES);
        assertThat(ProjectScan.composeRole("grafana", Optional.empty())).contains(ServiceId.GRAFANA);
        assertThat(ProjectScan.composeRole("ollamamax-api", Optional.empty())).isEmpty();
    }
}
