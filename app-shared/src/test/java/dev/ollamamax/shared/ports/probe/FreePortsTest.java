package dev.ollamamax.shared.ports.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void skipsAPortThatIsHeldAndPortsPlannedForOtherServices() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();

            int free = FreePorts.nextFree("127.0.0.1", port, Set.of(port + 1, port + 2));

            assertThat(free).isGreaterThan(port + 2);
            try (ServerSocket s = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(free);
            }
        }
    }

    @Test
    void neverSuggestsAPrivilegedPort() {
        assertThat(FreePorts.nextFree("127.0.0.1", 80)).isGreaterThanOrEqualTo(1024);
    }

    @Test
    void anUnknownHostIsAClearError() {
        assertThatThrownBy(() -> FreePorts.nextFree("no-such-host.invalid", 13100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
    }
}
