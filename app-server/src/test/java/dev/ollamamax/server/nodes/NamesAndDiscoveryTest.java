package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.config.ConfigException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class NamesAndDiscoveryTest {

    @Test
    void aModelWithoutTagIsLatest() {
        assertThat(ModelNames.same("llama3", "llama3:latest")).isTrue();
        assertThat(ModelNames.same("registry.local:5000/llama3", "registry.local:5000/llama3:latest")).isTrue();
        assertThat(ModelNames.same("llama3:8b", "llama3:latest")).isFalse();
    }

    @Test
    void nodeUrlsAreNormalised() {
        assertThat(NodeRegistry.normalize("localhost")).isEqualTo(URI.create("http://localhost:11434"));
        assertThat(NodeRegistry.normalize("http://10.0.0.2:11500/")).isEqualTo(URI.create("http://10.0.0.2:11500"));
        assertThatThrownBy(() -> NodeRegistry.normalize("ftp://x")).hasMessageContaining("not an http(s) URL");
    }

    @Test
    void discoveryPortsAcceptRangesAndRefuseNonsense() {
        assertThat(Discovery.ports("11434-11436, 11500")).containsExactly(11434, 11435, 11436, 11500);
        assertThatThrownBy(() -> Discovery.ports("11436-11434")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("DISCOVERY_PORTS");
        assertThatThrownBy(() -> Discovery.ports("abc")).isInstanceOf(ConfigException.class);
    }
}
