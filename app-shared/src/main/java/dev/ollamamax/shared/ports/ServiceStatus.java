package dev.ollamamax.shared.ports;

import dev.ollamamax.shared.ports.sockets.Holder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One service as found by a scan: its state, how fast its health probe answered, the process holding its
 * port and a short explanation ("answers in 2 ms", "nothing listens on 127.0.0.1:5432").
 */
public record ServiceStatus(PlannedService service, ServiceState state, Optional<Duration> latency,
                            Optional<Holder> holder, Instant checkedAt, String detail) {
}
