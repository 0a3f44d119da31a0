package dev.ollamamax.ui.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.shared.runtime.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final ServiceRegistry registry = new ServiceRegistry();
    final Supervisor supervisor = new Supervisor(registry, Backoff.STANDARD, Duration.ofMinutes(1), clock);

    @Test
    void backoffDoublesFromOneSecondAndIsCappedAtThirty() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 40).stream().map(Backoff.STANDARD::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void restartsACrashedServiceAfterDelaysThatDoubleWhileItKeepsCrashing() {
        FakeService db = new FakeService("postgres");
        db.failStart = true;
        db.state = ManagedService.State.CRASHED;
        registry.register(db);

        List<Long> waited = new ArrayList<>();
        for (int restart = 0; restart < 7; restart++) {
            int before = db.starts;
            long seconds = 0;
            supervisor.tick();
            while (db.starts == before) {
                clock.advance(Duration.ofSeconds(1));
                seconds++;
                supervisor.tick();
            }
            waited.add(seconds);
        }

        assertThat(waited).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void showsTheRemainingDelayAsDetail() {
        FakeService redis = new FakeService("redis");
        redis.failStart = true;
        redis.state = ManagedService.State.CRASHED;
        registry.register(redis);
        supervisor.tick();                          // crash seen: restart due in 1 s
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();                          // attempt 1 fails
        supervisor.tick();                          // due in 2 s
        clock.advance(Duration.ofSeconds(2));
        supervisor.tick();                          // attempt 2 fails
        supervisor.tick();                          // due in 4 s

        assertThat(supervisor.detail("redis")).contains("restarting in 4 s (last attempt: exit code 1)");
        clock.advance(Duration.ofMillis(1500));
        assertThat(supervisor.detail("redis")).get().asString().startsWith("restarting in 3 s");
        assertThat(supervisor.attempts("redis")).isEqualTo(2);
    }

    @Test
    void aServiceThatComesBackIsRunningAndTheCountResetsOnceItIsStable() {
        FakeService ollama = new FakeService("ollama:11500");
        ollama.state = ManagedService.State.CRASHED;
        registry.register(ollama);
        supervisor.tick();
        clock.advance(Duration.ofSeconds(1));
        supervisor.tick();

        assertThat(ollama.state()).isEqualTo(ManagedService.State.RUNNING);
        assertThat(supervisor.detail(ollama.id())).isEmpty();
        assertThat(supervisor.attempts(ollama.id())).isEqualTo(1);

        supervisor.tick();
        clock.advance(Duration.ofMinutes(1));
        supervisor.tick();
        assertThat(supervisor.attempts(ollama.id())).isZero();
    }

    @Test
    void leavesAServiceTheUserStoppedAlone() {
        FakeService stopped = new FakeService("prometheus");
        registry.register(stopped);
        for (int i = 0; i < 5; i++) {
            supervisor.tick();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(stopped.starts).isZero();
        assertThat(supervisor.detail("prometheus")).isEmpty();
    }
}
