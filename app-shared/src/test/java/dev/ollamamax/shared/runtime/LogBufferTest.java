package dev.ollamamax.shared.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void keepsTheLastLinesUpToItsCapacity() throws Exception {
        LogBuffer log = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) {
            log.append("line " + i);
        }
        assertThat(log.lines()).containsExactly("line 3", "line 4", "line 5");
        assertThat(log.tail(2)).isEqualTo("line 4\nline 5");
        assertThat(log.tail(10)).isEqualTo("line 3\nline 4\nline 5");
    }

    @Test
    void aFollowerThatThrowsStopsNeitherTheLogNorTheOthers() throws Exception {
        LogBuffer log = new LogBuffer(10);
        List<String> seen = new ArrayList<>();
        log.follow(line -> {
            throw new IllegalStateException("broken follower");
        });
        AutoCloseable handle = log.follow(seen::add);

        log.append("a");
        handle.close();
        log.append("b");

        assertThat(log.lines()).containsExactly("a", "b");
        assertThat(seen).containsExactly("a");
    }
}
