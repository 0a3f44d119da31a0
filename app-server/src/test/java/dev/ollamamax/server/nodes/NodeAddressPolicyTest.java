package dev.ollamamax.server.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.config.ConfigException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAddressPolicyTest {

    @Test
    void rangesContainTheirAddressesOnly() throws Exception {
        Cidr v4 = Cidr.parse("169.254.10.0/23");
        assertThat(v4.contains(InetAddress.getByName("169.254.11.200"))).isTrue();
        assertThat(v4.contains(InetAddress.getByName("169.254.12.1"))).isFalse();
        Cidr v6 = Cidr.parse("fe80::/10");
        assertThat(v6.contains(InetAddress.getByName("febf::1"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("fec0::1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.1").contains(InetAddress.getByName("10.0.0.1"))).isTrue();
    }

    @Test
    void aBadRangeNamesTheSetting() {
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NODE_ALLOWED_NETWORKS");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(ConfigException.class);
    }

    @Test
    void loopbackAndPrivateNodesAreFineLinkLocalOnlyWhenAllowed() throws Exception {
        NodeAddressPolicy strict = NodeAddressPolicy.defaults();
        strict.check(URI.create("http://127.0.0.1:11434"));
        strict.check(URI.create("http://10.1.2.3:11434"));
        assertThatThrownBy(() -> strict.resolve("169.254.169.254")).hasMessageContaining("cloud metadata");
        NodeAddressPolicy allowing = new NodeAddressPolicy(List.of(Cidr.parse("169.254.0.0/16")));
        assertThat(allowing.resolve("169.254.169.254")).isEqualTo(InetAddress.getByName("169.254.169.254"));
    }
}
