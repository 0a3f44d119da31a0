package dev.ollamamax.shared.ports.probe;

import java.time.Duration;
import java.util.Optional;

/** What one health probe found: the outcome, how long the answer took (when one came) and why. */
public record ProbeResult(Outcome outcome, Optional<Duration> latency, String detail) {

    public enum Outcome {
        /** The service answered as a healthy one does. */
        UP,
        /** Something listens but is not ready: a "not ready" answer, or no answer within the timeout. */
        NOT_READY,
        /** Nothing listens, or what answers is not (a healthy) this service. */
        DOWN
    }

    public static ProbeResult up(Duration latency, String detail) {
        return new ProbeResult(Outcome.UP, Optional.of(latency), detail);
    }

    public static ProbeResult notReady(Optional<Duration> latency, String detail) {
        return new ProbeResult(Outcome.NOT_READY, latency, detail);
    }

    public static ProbeResult down(Optional<Duration> latency, String detail) {
        return new ProbeResult(Outcome.DOWN, latency, detail);
    }
}
