package dev.ollamamax.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    @Test
    void routeLabelsAreBounded() {
        assertThat(RequestMetrics.route("/api/chat")).isEqualTo("/api/chat");
        assertThat(RequestMetrics.route("/v1/chat/completions")).isEqualTo("/v1/chat/completions");
        assertThat(RequestMetrics.route("/api/v1/nodes/127.0.0.1:11434/drain")).isEqualTo("/api/v1/nodes");
        assertThat(RequestMetrics.route("/v1/models/llama3:latest")).isEqualTo("/v1/models/{id}");
        assertThat(RequestMetrics.route("/wp-admin/x")).isEqualTo("other");
        assertThat(RequestMetrics.route("/")).isEqualTo("/");
    }
}
