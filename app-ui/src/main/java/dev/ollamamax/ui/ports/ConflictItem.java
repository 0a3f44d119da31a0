package dev.ollamamax.ui.ports;

import dev.ollamamax.shared.ports.conflicts.Conflict;
import dev.ollamamax.shared.ports.conflicts.PortFix;
import java.util.List;
import java.util.Optional;

/**
 * A conflict as the Ports screen offers it: what is wrong, the suggested fix with each step in words,
 * and which one-click actions are possible.
 *
 * @param stopBlocked why "Stop holder" is not offered, when it is not
 */
public record ConflictItem(Conflict conflict, PortFix fix, List<MoveStep> steps, Optional<String> stopBlocked,
                           boolean canAdopt) {

    public ConflictItem {
        steps = List.copyOf(steps);
    }

    public boolean canMove() {
        return steps.stream().anyMatch(MoveStep::automatic);
    }

    public boolean canStopHolder() {
        return conflict.holder().isPresent() && stopBlocked.isEmpty();
    }

    /** The preview of "move to the next free port": one line per step. */
    public String movePreview() {
        return steps.isEmpty() ? "No free port was found to move to."
                : String.join("\n", steps.stream().map(MoveStep::preview).toList());
    }
}
