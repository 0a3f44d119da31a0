package dev.ollamamax.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FreePortTest {

    /**
     * The work of {@link FreePort#whileChoosing} starts a server. When it failed with an IOException (an
     * interrupted initdb), it used to be run a second time: a second PostgreSQL on a folder whose first
     * initdb was still running ("lock file postmaster.pid already exists"), which hung the stop for 60 s.
     */
    @Test
    void workThatFailsWithAnIoExceptionRunsOnceAndItsErrorIsThrown() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> FreePort.whileChoosing(() -> {
            runs.incrementAndGet();
            throw new IOException("initdb was interrupted");
        })).isInstanceOf(IOException.class).hasMessage("initdb was interrupted");

        assertThat(runs).hasValue(1);
    }

    @Test
    void workThatSucceedsReturnsItsValue() throws Exception {
        assertThat(FreePort.whileChoosing(() -> 42)).isEqualTo(42);
    }
}
