package dev.ollamamax.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ollamamax.server.testing.Failure;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard ({@code packaging/grafana/dashboards/ollamamax-gateway.json}) charts only series a real
 * gateway exports after some traffic, and the exposition passes {@code promtool check metrics}' lint (help text).
 */
class DashboardMetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\bollamamax_[a-z0-9_]+");

    @TempDir
    Path home;

    private final FakeOllama a = FakeOllama.start().reply("llama3.2", List.of("from", " a"));
    private final FakeOllama b = FakeOllama.start().reply("llama3.2", List.of("from", " b"));
    private TestGateway gw;
    private TestGateway guarded;

    @BeforeEach
    void gatewayWithTraffic() throws IOException {
        a.loaded("llama3.2"); // tried first
        gw = TestGateway.start(home, a, b);
        a.failNext(Failure.STATUS_500_BEFORE_FIRST_TOKEN); // one retry on b
        String chat = "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (InputStream stream = gw.postStreaming("/api/chat", chat).body()) {
            stream.readAllBytes();
        }
        assertThat(gw.post("/api/chat", chat.replace("}]}", "}],\"stream\":false}")).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/chat/completions", chat).statusCode()).isEqualTo(200);
        assertThat(gw.get("/api/no-such-route").statusCode()).isEqualTo(404);

        // a second gateway with auth on refuses a made-up token (the auth-failure series)
        guarded = TestGateway.start(home.resolve("guarded"), Map.of(Setting.AUTH_ENABLED, "true"), b);
        HttpResponse<String> refused = guarded.send(HttpRequest.newBuilder(guarded.uri("/api/tags"))
                .header("Authorization", "Bearer not-a-token").GET());
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @AfterEach
    void stop() {
        if (guarded != null) {
            guarded.close();
        }
        gw.close();
        a.close();
        b.close();
    }

    @Test
    void everySeriesTheDashboardChartsIsExportedByTheGateway() throws IOException {
        Set<String> charted = chartedSeries();
        Set<String> exported = exportedSeries(gw.get("/metrics").body());
        exported.addAll(exportedSeries(guarded.get("/metrics").body()));
        assertThat(charted).as("series named in the dashboard's queries").hasSizeGreaterThan(8);

        Set<String> missing = new TreeSet<>(charted);
        missing.removeAll(exported);
        assertThat(missing).as("charted by the dashboard but not exported by the gateway (exported: %s)", exported)
                .isEmpty();
    }

    @Test
    void everyChartedSeriesIsDocumentedInMetricsMd() throws IOException {
        String doc = Files.readString(repositoryRoot().resolve("docs/metrics.md"));
        List<String> undocumented = new ArrayList<>();
        for (String series : chartedSeries()) {
            String family = series.replaceFirst("_(bucket|count|sum)$", "");
            if (!doc.contains(family)) {
                undocumented.add(series);
            }
        }
        assertThat(undocumented).as("charted but not in docs/metrics.md").isEmpty();
    }

    @Test
    void everyExportedMetricHasHelpTextAsPromtoolRequires() {
        String body = gw.get("/metrics").body() + guarded.get("/metrics").body();
        Set<String> typed = new TreeSet<>();
        Set<String> helped = new TreeSet<>();
        for (String line : body.split("\n")) {
            String[] parts = line.split(" ", 4);
            if (line.startsWith("# TYPE ") && parts.length >= 4) {
                typed.add(parts[2]);
            } else if (line.startsWith("# HELP ") && parts.length == 4 && !parts[3].isBlank()) {
                helped.add(parts[2]);
            }
        }
        assertThat(typed).isNotEmpty();
        Set<String> withoutHelp = new TreeSet<>(typed);
        withoutHelp.removeAll(helped);
        assertThat(withoutHelp).as("metric families without help text").isEmpty();
    }

    private static Set<String> chartedSeries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(
                repositoryRoot().resolve("packaging/grafana/dashboards/ollamamax-gateway.json").toFile());
        Set<String> names = new TreeSet<>();
        List<String> queries = new ArrayList<>(dashboard.findValuesAsText("expr"));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));
        assertThat(queries).as("queries in the dashboard").isNotEmpty();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static Set<String> exportedSeries(String exposition) {
        return exposition.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("packaging/grafana"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder above the working directory holding packaging/grafana").isNotNull();
        return dir;
    }
}
