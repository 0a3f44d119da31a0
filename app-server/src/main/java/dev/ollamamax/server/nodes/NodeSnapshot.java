package dev.ollamamax.server.nodes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An immutable view of one node, for APIs, events and the desktop. */
public record NodeSnapshot(String id, String name, URI url, NodeStatus status, boolean draining,
                           List<String> models, List<String> loaded, int inFlight, long latencyMs,
                           Optional<String> version, Optional<String> lastError, Optional<Instant> lastCheck) {
}
