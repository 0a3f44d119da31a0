package dev.ollamamax.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ollamamax.shared.config.Config;
import dev.ollamamax.shared.config.ConfigException;
import dev.ollamamax.shared.config.Setting;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LOG_LEVEL sets the level of our own loggers; a name that is no level is a configuration error. */
class LogLevelsTest {

    @AfterEach
    void reset() {
        LogLevels.apply(Config.builder().build());
    }

    @Test
    void debugShowsOurFineMessagesAndWarnHidesInfo() {
        LogLevels.apply(Config.builder().set(Setting.LOG_LEVEL, "debug").build());
        assertThat(Logger.getLogger("dev.ollamamax.server.nodes.Upstream").isLoggable(Level.FINE)).isTrue();
        LogLevels.apply(Config.builder().set(Setting.LOG_LEVEL, "WARN").build());
        assertThat(Logger.getLogger("dev.ollamamax.server.nodes.Upstream").isLoggable(Level.INFO)).isFalse();
        assertThat(Logger.getLogger("dev.ollamamax.server.nodes.Upstream").isLoggable(Level.WARNING)).isTrue();
    }

    @Test
    void anUnknownLevelIsAConfigurationError() {
        assertThatThrownBy(() -> LogLevels.apply(Config.builder().set(Setting.LOG_LEVEL, "loud").build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LOG_LEVEL");
    }
}
