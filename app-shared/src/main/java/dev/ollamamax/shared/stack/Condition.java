package dev.ollamamax.shared.stack;

import java.util.Locale;

/** When a dependency counts as met, as process-compose names it. */
public enum Condition {
    /** The dependency's process was launched. */
    PROCESS_STARTED,
    /** The dependency's readiness probe passed (or it runs and has no probe). */
    PROCESS_HEALTHY,
    /** The dependency exited with code 0. */
    PROCESS_COMPLETED_SUCCESSFULLY;

    /** The spelling in the file, e.g. {@code process_healthy}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
