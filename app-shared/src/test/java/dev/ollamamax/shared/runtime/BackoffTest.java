package dev.ollamamax.shared.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(IntStream.of(0, 1, 2, 3, 4, 63, Integer.MAX_VALUE).mapToObj(b::delay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 700L, 700L, 700L, 700L);
        assertThat(IntStream.of(0, 1, 2, 5, 6).mapToObj(Backoff.STANDARD::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 30L, 30L);
    }

    @Test
    void refusesDelaysThatCannotDouble() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
