package dev.ollamamax.shared.ports.probe;

import dev.ollamamax.shared.ports.PlannedService;
import java.time.Duration;

/** Checks whether one service answers as it should. Implementations are thread-safe and never throw. */
public interface HealthProber {

    ProbeResult probe(PlannedService service, Duration timeout);

    /**
     * Probes by the service's {@link ProbeKind}: HTTP GET of its probe path (2xx/3xx up, 503 not ready),
     * TCP connect, Redis {@code PING} ({@code +PONG}; {@code -NOAUTH} is up but needs a password),
     * PostgreSQL SSLRequest (an {@code S} or {@code N} byte is up).
     */
    static HealthProber standard() {
        return new StandardProber();
    }
}
