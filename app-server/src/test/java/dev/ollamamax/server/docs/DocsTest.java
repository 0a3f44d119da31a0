package dev.ollamamax.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ollamamax.server.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsTest {

    @TempDir
    Path home;
    TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.start(home);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void servesABrowsablePageWithItsAssets() {
        HttpResponse<String> page = gw.get("/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle").contains("/docs/openapi.yaml");
        assertThat(gw.get("/docs/ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
        assertThat(gw.get("/docs/ui/swagger-ui.css").headers().firstValue("Content-Type")).hasValue("text/css");
        assertThat(gw.get("/docs/ui/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesEveryApiArea() throws Exception {
        HttpResponse<String> res = gw.get("/docs/openapi.yaml");
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(res.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/health", "/health/ready", "/metrics", "/api/tags", "/api/chat", "/api/pull",
                "/v1/models", "/v1/chat/completions", "/v1/embeddings", "/api/v1/nodes", "/api/v1/cluster/status");
    }

    @Test
    void documentedOllamaAndClusterPathsExistOnTheGateway() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(gw.get("/docs/openapi.yaml").body());
        for (String path : List.of("/api/tags", "/api/ps", "/api/version", "/api/v1/nodes", "/api/v1/cluster/status", "/health")) {
            assertThat(doc.path("paths").has(path)).isTrue();
            assertThat(gw.get(path).statusCode()).as(path).isEqualTo(200);
        }
    }
}
