package dev.ollamamax.ui.readymade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.shared.stack.ProcessSpec;
import dev.ollamamax.shared.stack.StackReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana's generated files: packaging's provisioning pointed at the stack's Prometheus and at the copied
 * dashboard, an ini on loopback and the plan's port, and a command that finds Grafana's installation folder.
 * (Grafana itself is not installable on the build machines; Prometheus runs for real in ReadyMadeFxTest.)
 */
class GrafanaSetupTest {

    @TempDir
    Path dir;

    @Test
    void provisioningPointsAtTheStacksPrometheusAndTheShippedDashboard() throws Exception {
        Path install = dir.resolve("grafana-v12");
        Path exe = Files.createDirectories(install.resolve("bin")).resolve("grafana");
        Files.writeString(exe, "#!/bin/sh\n");
        Files.createDirectories(install.resolve("conf"));
        Files.writeString(install.resolve("conf/defaults.ini"), "");
        Path config = dir.resolve("home/stack/grafana");

        String entry = GrafanaSetup.write(exe, config, 3301, 19090);

        assertThat(Files.readString(config.resolve("provisioning/datasources/prometheus.yaml")))
                .contains("url: http://127.0.0.1:19090").doesNotContain("prometheus:9090").contains("uid: prometheus");
        assertThat(Files.readString(config.resolve("provisioning/dashboards/ollamamax.yaml")))
                .contains("path: \"" + config.resolve("dashboards") + "\"");
        assertThat(config.resolve("dashboards/ollamamax-gateway.json"))
                .hasSameTextualContentAs(Path.of("../packaging/grafana/dashboards/ollamamax-gateway.json"));
        assertThat(Files.readString(config.resolve("grafana.ini"))).contains("http_addr = 127.0.0.1\nhttp_port = 3301\n")
                .contains("provisioning = " + config.resolve("provisioning"));

        ProcessSpec spec = StackReader.parse(StackFileEditor.with("", "grafana", entry, Map.of()), "stack.yaml", dir, Map.of())
                .processes().getFirst();
        assertThat(spec.command()).isEqualTo("'" + exe + "' server --homepath '" + install.toRealPath() + "' --config '" + config.resolve("grafana.ini") + "'");
        assertThat(spec.readiness().orElseThrow().check().describe()).contains("3301").contains("/api/health");
    }

    @Test
    void theOlderGrafanaServerExecutableTakesNoSubcommand() throws Exception {
        Path exe = Files.createDirectories(dir.resolve("usr/sbin")).resolve("grafana-server");
        Files.writeString(exe, "#!/bin/sh\n");

        String entry = GrafanaSetup.write(exe, dir.resolve("cfg"), 3001, 9090);

        assertThat(entry).contains("grafana-server' --homepath ");
    }
}
