package dev.ollamamax.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPolicyTest {

    @Test
    void namesAreAcceptedOnlyWhenLoopbackBoundOrListed() {
        HostPolicy p = new HostPolicy("127.0.0.1", List.of("ollama.lan", "*.corp.example"));
        assertThat(p.refusal(Optional.of("localhost:13100"))).isEmpty();
        assertThat(p.refusal(Optional.of("10.0.0.5"))).isEmpty();
        assertThat(p.refusal(Optional.of("[fe80::1]:80"))).isEmpty();
        assertThat(p.refusal(Optional.of("ollama.lan:13100"))).isEmpty();
        assertThat(p.refusal(Optional.of("gpu.corp.example"))).isEmpty();
        assertThat(p.refusal(Optional.of("localhost.evil.com"))).isPresent();
        assertThat(p.refusal(Optional.of("127.0.0.1.nip.io"))).isPresent();
        assertThat(p.refusal(Optional.of("corp.example.evil"))).isPresent();
        assertThat(new HostPolicy("myhost.lan", List.of()).refusal(Optional.of("myhost.lan:1"))).isEmpty();
        assertThat(new HostPolicy("127.0.0.1", List.of("*")).refusal(Optional.of("anything.at.all"))).isEmpty();
    }

    @Test
    void loopbackBindingsAreRecognised() {
        assertThat(HostPolicy.isLoopback("127.0.0.1")).isTrue();
        assertThat(HostPolicy.isLoopback("::1")).isTrue();
        assertThat(HostPolicy.isLoopback("localhost")).isTrue();
        assertThat(HostPolicy.isLoopback("0.0.0.0")).isFalse();
        assertThat(HostPolicy.isLoopback("192.168.1.2")).isFalse();
        assertThat(HostPolicy.isLoopback("example.org")).isFalse();
    }
}
