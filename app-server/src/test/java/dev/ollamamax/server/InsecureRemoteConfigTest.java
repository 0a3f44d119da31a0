package dev.ollamamax.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import org.junit.jupiter.api.Test;

class InsecureRemoteConfigTest {

    @Test
    void authOffIsAllowedOnLoopbackOrWhenTheRiskIsAccepted() {
        assertThatCode(() -> Gateway.refuseInsecureRemote(Config.builder().set(Setting.AUTH_ENABLED, "false").build()))
                .doesNotThrowAnyException();
        assertThatCode(() -> Gateway.refuseInsecureRemote(Config.builder().set(Setting.AUTH_ENABLED, "false")
                .set(Setting.HOST, "::1").build())).doesNotThrowAnyException();
        assertThatCode(() -> Gateway.refuseInsecureRemote(Config.builder().set(Setting.AUTH_ENABLED, "false")
                .set(Setting.HOST, "0.0.0.0").set(Setting.ALLOW_INSECURE_REMOTE, "true").build())).doesNotThrowAnyException();
        assertThatCode(() -> Gateway.refuseInsecureRemote(Config.builder().set(Setting.HOST, "0.0.0.0").build()))
                .as("auth on: any address").doesNotThrowAnyException();
        assertThatThrownBy(() -> Gateway.refuseInsecureRemote(Config.builder().set(Setting.AUTH_ENABLED, "false")
                .set(Setting.HOST, "192.168.1.5").build())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ALLOW_INSECURE_REMOTE");
    }
}
