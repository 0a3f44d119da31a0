package dev.ollamamax.ui.ports;

import dev.ollamamax.shared.ports.conflicts.PortFix;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How one suggested move would be carried out, in words, before anything is written.
 *
 * @param move      the service and the free port it goes to
 * @param where     what gets written
 * @param file      the {@code .env} file written ({@link Where#ENV_FILE}) or the compose file to edit by hand
 * @param restarts  whether the embedded gateway restarts afterwards
 * @param preview   the sentence shown before applying
 */
public record MoveStep(PortFix.Move move, Where where, Optional<Path> file, boolean restarts, String preview) {

    public enum Where {
        /** Rewrite one key of a {@code .env} file in place (a backup is kept). */
        ENV_FILE,
        /** Save the setting in the app's saved settings (it beats {@code .env} and environment). */
        SAVED_SETTING,
        /** Cannot be applied here: a compose mapping or a command-line option must be edited by hand. */
        MANUAL
    }

    public boolean automatic() {
        return where != Where.MANUAL;
    }
}
