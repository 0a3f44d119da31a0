package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ollamamax.server.testing.FakeOllama;
import dev.ollamamax.server.testing.SharedStores;
import dev.ollamamax.server.testing.TestGateway;
import dev.ollamamax.shared.config.Setting;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node URLs cannot be used to scan ports, read banners, reach metadata services or follow redirects. */
class NodeUrlPolicyTest {

    @TempDir
    Path home;
    FakeOllama node;
    TestGateway gw;

    @BeforeEach
    void start() {
        node = FakeOllama.start().model("llama3.2");
        gw = TestGateway.start(home, Map.of(Setting.UPSTREAM_CONNECT_TIMEOUT_MS, "300"), node);
    }

    @AfterEach
    void stop() {
        gw.close();
        node.close();
    }

    private JsonNode test(String url) {
        HttpResponse<String> res = gw.post("/api/v1/nodes/test", "{\"url\":\"" + url + "\"}");
        assertThat(res.statusCode()).isEqualTo(200);
        return gw.json(res.body());
    }

    @Test
    void testingAServiceThatSendsABannerDoesNotShowTheBanner() {
        try (HostileNode banner = HostileNode.start().behave(HostileNode.Behaviour.BANNER)) {
            JsonNode out = test(banner.url().toString());
            assertThat(out.path("ok").asBoolean()).isFalse();
            assertThat(out.path("error").asText()).isEqualTo("not an Ollama server (unexpected reply)");
            assertThat(out.toString()).doesNotContain("secret-banner").doesNotContain("ERR");

            HttpResponse<String> add = gw.post("/api/v1/nodes", "{\"url\":\"" + banner.url() + "\"}");
            assertThat(add.statusCode()).isEqualTo(400);
            assertThat(add.body()).contains("not an Ollama server").doesNotContain("secret-banner");
        }
    }

    @Test
    void testingTheRealRedisPortDoesNotShowWhatRedisAnswered() {
        URI redis = URI.create(SharedStores.get().redisUrl());
        JsonNode out = test("http://127.0.0.1:" + redis.getPort());
        assertThat(out.path("ok").asBoolean()).isFalse();
        assertThat(out.toString()).doesNotContain("ERR").doesNotContain("wrong number").doesNotContain("command");
        assertThat(out.path("error").asText()).isIn("not an Ollama server (unexpected reply)", "the node closed the connection");
    }

    @Test
    void aClosedPortIsReportedAsRefused() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(test("http://127.0.0.1:" + closed).path("error").asText()).isEqualTo("connection refused");
    }

    @Test
    void onlyPlainHttpUrlsWithoutCredentialsAreAccepted() {
        for (String url : new String[] {"ftp://127.0.0.1:21", "file:///etc/passwd", "gopher://127.0.0.1:70",
                "http://admin:secret@127.0.0.1:" + node.port()}) {
            HttpResponse<String> res = gw.post("/api/v1/nodes/test", "{\"url\":\"" + url + "\"}");
            assertThat(res.statusCode()).as(url).isEqualTo(400);
            assertThat(res.body()).doesNotContain("secret");
        }
    }

    @Test
    void linkLocalAndMetadataAddressesAreRefused() {
        for (String url : new String[] {"http://169.254.169.254", "http://169.254.1.2:11434", "http://[fe80::1]:11434",
                "http://[fd00:ec2::254]", "http://metadata.google.internal"}) {
            HttpResponse<String> add = gw.post("/api/v1/nodes", "{\"url\":\"" + url + "\"}");
            assertThat(add.statusCode()).as(url).isEqualTo(400);
            assertThat(add.body()).as(url).contains("NODE_ALLOWED_NETWORKS");
            HttpResponse<String> test = gw.post("/api/v1/nodes/test", "{\"url\":\"" + url + "\"}");
            assertThat(test.statusCode()).as(url).isEqualTo(400);
        }
    }

    @Test
    void allowedNetworksLetALinkLocalNodeBeTried() {
        gw.close();
        gw = TestGateway.start(home, Map.of(Setting.NODE_ALLOWED_NETWORKS, "169.254.0.0/16",
                Setting.UPSTREAM_CONNECT_TIMEOUT_MS, "300"), node);
        JsonNode out = test("http://169.254.1.2:11434");
        assertThat(out.path("ok").asBoolean()).isFalse();
        assertThat(out.path("error").asText()).doesNotContain("NODE_ALLOWED_NETWORKS");
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (FakeOllama target = FakeOllama.start().model("llama3.2");
             HostileNode redirecting = HostileNode.start().redirectTo(target.url()).probesToo()
                     .behave(HostileNode.Behaviour.REDIRECT)) {
            JsonNode out = test(redirecting.url().toString());
            assertThat(out.path("ok").asBoolean()).isFalse();
            assertThat(out.path("error").asText()).isEqualTo("GET /api/tags answered HTTP 302");
            assertThat(target.requests()).isEmpty();
        }
    }
}
