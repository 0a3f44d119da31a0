package dev.ollamamax.shared.ports.conflicts;

import dev.ollamamax.shared.ports.PlannedService;
import dev.ollamamax.shared.ports.PortOrigin;
import java.util.List;
import java.util.Optional;

/**
 * A suggested way out of one conflict: services to move to free ports, and for an Ollama that is
 * already running, the node URL to adopt it under.
 *
 * @param conflict     the conflict this fixes
 * @param moves        services to move, each to a port that was free when suggested
 * @param adoptAsNode  for {@link Conflict.Kind#OLLAMA_ALREADY_RUNNING}: the running Ollama as a node URL
 * @param summary      the fix as a sentence ("Move Backend API: BACKEND_API_PORT=8082")
 */
public record PortFix(Conflict conflict, List<Move> moves, Optional<String> adoptAsNode, String summary) {

    public PortFix {
        moves = List.copyOf(moves);
    }

    /** Move one service to a free port. */
    public record Move(PlannedService service, int port) {

        /**
         * What to change: {@code KEY=port} for a setting or {@code .env} key (with the file when it is a
         * project's), or the compose mapping to edit.
         */
        public String assignment() {
            PortOrigin o = service.origin();
            if (o.editedByHand()) {
                String verb = o.isCompose() ? "publish " : "run ";
                return verb + service.name() + " on " + port + " instead of " + service.port() + " ("
                        + o.describe() + ")";
            }
            return o.key() + "=" + port + o.file().map(f -> " in " + f).orElse("");
        }
    }
}
