package dev.ollamamax.ui.services;

import dev.ollamamax.server.process.ManagedService;
import dev.ollamamax.ui.common.Chip;
import java.util.Locale;

/** How a service state reads and which colour it gets. */
final class StateLabels {

    private StateLabels() {
    }

    static String label(ManagedService.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static Chip.Tone tone(ManagedService.State state) {
        return switch (state) {
            case RUNNING -> Chip.Tone.SUCCESS;
            case CRASHED -> Chip.Tone.DANGER;
            case STARTING, STOPPING, RESTARTING -> Chip.Tone.WARNING;
            case STOPPED -> Chip.Tone.NEUTRAL;
        };
    }
}
