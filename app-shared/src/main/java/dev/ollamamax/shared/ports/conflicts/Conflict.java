package dev.ollamamax.shared.ports.conflicts;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.sockets.Holder;
import java.util.List;
import java.util.Optional;

/**
 * A port problem of the stack, with the services it concerns, the process holding the port (when it is
 * part of the problem) and a sentence a person understands.
 */
public record Conflict(Kind kind, int port, List<PlannedService> services, Optional<Holder> holder, String message) {

    public enum Kind {
        /** Two or more services are configured on the same port. */
        SHARED_PORT,
        /** The port of a service OllamaMax runs is held by some other process. */
        FOREIGN_HOLDER,
        /** Ollama, started by someone else, already holds the port: better used as a node than stopped. */
        OLLAMA_ALREADY_RUNNING
    }

    public Conflict {
        services = List.copyOf(services);
    }
}
