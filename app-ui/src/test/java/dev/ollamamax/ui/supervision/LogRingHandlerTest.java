package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogRingHandlerTest {

    @Test
    void keepsTheLastLinesOfTheProcessLogAndFollowsNewOnes() throws Exception {
        LogRingHandler handler = LogRingHandler.install(3);
        List<String> followed = new ArrayList<>();
        try (AutoCloseable follow = handler.buffer().follow(followed::add)) {
            Logger log = Logger.getLogger("dev.ollamamax.test.Probe");
            for (int i = 1; i <= 5; i++) {
                log.info("line " + i);
            }
            log.warning("with {0} parameter");
        } finally {
            handler.close();
        }
        Logger.getLogger("dev.ollamamax.test.Probe").info("after close");

        List<String> lines = handler.buffer().lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith("INFO    Probe: line 4");
        assertThat(lines.get(2)).contains("WARNING").endsWith("Probe: with {0} parameter");
        assertThat(followed).hasSize(6).noneMatch(l -> l.contains("after close"));
    }
}
